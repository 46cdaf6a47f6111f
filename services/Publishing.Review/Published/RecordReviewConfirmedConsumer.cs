using MassTransit;
using Microsoft.EntityFrameworkCore;
using Publishing.Contracts;
using Publishing.Messaging.Inbox;
using Publishing.Review.Data;

namespace Publishing.Review.Published;

/// <summary>
/// Authoring confirmed a periodic review: the held revision's review dates move forward, which
/// starts a new reminder cycle.
/// </summary>
public sealed class RecordReviewConfirmedConsumer(ReviewDbContext db, ILogger<RecordReviewConfirmedConsumer> log)
    : InboxConsumer<ReviewDbContext>(db, log), IConsumer<ContentReviewConfirmed>
{
    public Task Consume(ConsumeContext<ContentReviewConfirmed> context) => Once(context, async ct =>
    {
        var confirmed = context.Message;
        var held = await Db.PublishedItems.SingleOrDefaultAsync(i => i.Slug == confirmed.Slug, ct);

        // Authoring only confirms its published revision, so a confirmation of a revision we have not
        // heard of yet proves that revision is out: hold it now (the publication, arriving later on
        // its own queue, is then stale) rather than fail and depend on the order of two queues.
        if (held is null || confirmed.Revision > held.Revision)
        {
            held ??= Db.PublishedItems.Add(new PublishedItem
            {
                ContentId = confirmed.ContentId, Slug = confirmed.Slug, Title = confirmed.Title,
                ContentType = confirmed.ContentType,
            }).Entity;
            held.Revision = confirmed.Revision;
            held.Title = confirmed.Title;
            held.ContentType = confirmed.ContentType;
            held.Withdrawn = false;
            held.LastReviewed = confirmed.LastReviewed;
            held.NextReviewDue = confirmed.NextReviewDue;
            return;
        }

        // Older revision, withdrawn, or a confirmation older than one already applied: dates never go back.
        if (confirmed.Revision < held.Revision || held.Withdrawn
            || (held.LastReviewed is { } last && confirmed.LastReviewed <= last))
        {
            log.LogInformation("Ignoring review of {Slug} revision {Revision}: revision {Held} (withdrawn: {Withdrawn}) is held, last reviewed {LastReviewed}",
                confirmed.Slug, confirmed.Revision, held.Revision, held.Withdrawn, held.LastReviewed);
            return;
        }

        held.LastReviewed = confirmed.LastReviewed;
        held.NextReviewDue = confirmed.NextReviewDue;
    });
}
