using MassTransit;
using Microsoft.EntityFrameworkCore;
using Publishing.Contracts;
using Publishing.Messaging.Inbox;
using Publishing.Review.Data;

namespace Publishing.Review.Published;

/// <summary>Holds the newly published revision and its review dates.</summary>
public sealed class RecordPublishedConsumer(ReviewDbContext db, ILogger<RecordPublishedConsumer> log)
    : InboxConsumer<ReviewDbContext>(db, log), IConsumer<ContentPublished>
{
    public Task Consume(ConsumeContext<ContentPublished> context) => Once(context, async ct =>
    {
        var published = context.Message;
        var held = await Db.PublishedItems.SingleOrDefaultAsync(i => i.Slug == published.Slug, ct);
        // Equal is stale too: a withdrawal of revision N must survive a late publication of N.
        if (held is not null && published.Revision <= held.Revision)
        {
            log.LogInformation("Ignoring publication of {Slug} revision {Revision}: revision {Held} is already held",
                published.Slug, published.Revision, held.Revision);
            return;
        }

        if (held is null)
        {
            held = new PublishedItem
            {
                ContentId = published.ContentId, Slug = published.Slug, Title = published.Title,
                ContentType = published.ContentType,
            };
            Db.PublishedItems.Add(held);
        }

        held.Revision = published.Revision;
        held.Title = published.Title;
        held.ContentType = published.ContentType;
        held.AuthorId = published.AuthorId;
        held.Withdrawn = false;
        // The reminder markers stay: an editorial release keeps the date, so the cycle (and what was
        // already sent for it) carries on; a clinical one moves the date and so starts a new cycle.
        held.LastReviewed = published.LastReviewed;
        held.NextReviewDue = published.NextReviewDue;
    });
}
