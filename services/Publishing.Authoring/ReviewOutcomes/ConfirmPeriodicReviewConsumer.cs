using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Publishing.Authoring.Content;
using Publishing.Authoring.Data;
using Publishing.Contracts;
using Publishing.Messaging.Inbox;
using Publishing.Messaging.Outbox;

namespace Publishing.Authoring.ReviewOutcomes;

/// <summary>
/// A clinician confirmed the published revision unchanged: the review dates move, the revision and
/// lastModified do not, and subscribers hear <see cref="ContentReviewConfirmed"/>.
/// </summary>
public sealed class ConfirmPeriodicReviewConsumer(
    AuthoringDbContext db, IOptions<ReviewPolicyOptions> policy, TimeProvider clock, ILogger<ConfirmPeriodicReviewConsumer> log)
    : InboxConsumer<AuthoringDbContext>(db, log), IConsumer<PeriodicReviewCompleted>
{
    public Task Consume(ConsumeContext<PeriodicReviewCompleted> context) => Once(context, async ct =>
    {
        var review = context.Message;
        var item = await Db.Content.SingleOrDefaultAsync(c => c.Id == review.ContentId, ct);
        // Confirming a revision that is no longer the published one would vouch for the wrong text.
        if (item is null || item.PublishedRevision != review.Revision)
        {
            log.LogWarning("Ignoring periodic review {ReviewId} of {Slug} revision {Revision}: it is not the published revision",
                review.ReviewId, review.Slug, review.Revision);
            return;
        }

        var now = clock.GetUtcNow();
        item.LastReviewed = now;
        item.NextReviewDue = now.AddMonths(policy.Value.ReviewIntervalMonths);
        var title = await Db.Revisions.Where(r => r.ContentId == item.Id && r.Number == review.Revision).Select(r => r.Title).SingleAsync(ct);
        var who = review.Confirmation;
        Db.Record(item, review.Revision, "reviewed", who.ReviewerId, who.ReviewerName,
            $"Periodic review by {who.ReviewerName} ({who.Qualification}): {who.Comment}", now);
        Db.AddOutboxMessage(new ContentReviewConfirmed(
            item.Id, item.Slug, review.Revision, now, item.Type, title, who, now, item.NextReviewDue.Value), now);
    });
}
