using MassTransit;
using Microsoft.EntityFrameworkCore;
using Publishing.Contracts;
using Publishing.Messaging.Inbox;
using Publishing.Review.Data;

namespace Publishing.Review.Published;

/// <summary>A withdrawn item can no longer be periodically reviewed and is never reminded about.</summary>
public sealed class RecordWithdrawnConsumer(ReviewDbContext db, ILogger<RecordWithdrawnConsumer> log)
    : InboxConsumer<ReviewDbContext>(db, log), IConsumer<ContentWithdrawn>
{
    public Task Consume(ConsumeContext<ContentWithdrawn> context) => Once(context, async ct =>
    {
        var withdrawn = context.Message;
        var held = await Db.PublishedItems.SingleOrDefaultAsync(i => i.Slug == withdrawn.Slug, ct);
        if (held is not null && withdrawn.Revision < held.Revision)
        {
            log.LogInformation("Ignoring withdrawal of {Slug} revision {Revision}: revision {Held} is already held",
                withdrawn.Slug, withdrawn.Revision, held.Revision);
            return;
        }

        // The publication may still be on its way; holding the withdrawn revision makes it stale on arrival.
        held ??= Db.PublishedItems.Add(new PublishedItem
        {
            ContentId = withdrawn.ContentId, Slug = withdrawn.Slug, Title = withdrawn.Title,
            ContentType = withdrawn.ContentType,
        }).Entity;
        held.Revision = withdrawn.Revision;
        held.Withdrawn = true;
    });
}
