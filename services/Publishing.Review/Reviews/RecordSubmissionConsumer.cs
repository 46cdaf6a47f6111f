using MassTransit;
using Microsoft.EntityFrameworkCore;
using Publishing.Contracts;
using Publishing.Messaging.Inbox;
using Publishing.Review.Data;

namespace Publishing.Review.Reviews;

/// <summary>Opens a review task for a submitted revision; a newer submission supersedes older open ones.</summary>
public sealed class RecordSubmissionConsumer(ReviewDbContext db, TimeProvider clock, ILogger<RecordSubmissionConsumer> log)
    : InboxConsumer<ReviewDbContext>(db, log), IConsumer<ContentSubmittedForReview>
{
    public Task Consume(ConsumeContext<ContentSubmittedForReview> context) => Once(context, async ct =>
    {
        var submitted = context.Message;
        // Only open tasks and tasks that could make this event stale matter; history can be long.
        var related = await Db.Reviews
            .Where(t => t.ContentId == submitted.ContentId
                && (t.Status == ReviewStatus.Pending || t.Revision >= submitted.Revision || t.Id == submitted.ReviewId))
            .ToListAsync(ct);

        // The same submission republished under another message id has no second effect.
        if (related.Any(t => t.Id == submitted.ReviewId)) return;

        // Events can arrive out of order: a later submission of this content already won.
        if (related.Any(t => t.Revision > submitted.Revision
                || (t.Revision == submitted.Revision && t.SubmittedAt > submitted.OccurredAt)))
        {
            log.LogInformation("Ignoring review {ReviewId} of {Slug} revision {Revision}: a later submission exists",
                submitted.ReviewId, submitted.Slug, submitted.Revision);
            return;
        }

        var now = clock.GetUtcNow();
        foreach (var older in related.Where(t => t.Status == ReviewStatus.Pending))
        {
            older.Status = ReviewStatus.Superseded;
            older.ClosedAt = now;
            older.Version++;
        }

        Db.Reviews.Add(new ReviewTask
        {
            Id = submitted.ReviewId, ContentId = submitted.ContentId, Slug = submitted.Slug, Revision = submitted.Revision,
            ContentType = submitted.ContentType, Title = submitted.Title, ChangeClass = submitted.ChangeClass,
            RequiredApprovals = SignOffRules.RequiredApprovals(submitted.ChangeClass, submitted.RequiredApprovals),
            Reason = submitted.Reason,
            ChangeSummary = submitted.ChangeSummary, AuthorId = submitted.AuthorId, AuthorName = submitted.AuthorName,
            Changes = FieldChanges.Serialize(submitted.Changes), Status = ReviewStatus.Pending,
            SubmittedAt = submitted.OccurredAt,
        });
    });
}
