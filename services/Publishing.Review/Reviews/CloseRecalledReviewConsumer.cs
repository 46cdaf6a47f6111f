using MassTransit;
using Microsoft.EntityFrameworkCore;
using Publishing.Contracts;
using Publishing.Messaging.Inbox;
using Publishing.Review.Data;

namespace Publishing.Review.Reviews;

/// <summary>The editor recalled a submission: its review task closes, so it leaves the queue and takes no more approvals.</summary>
public sealed class CloseRecalledReviewConsumer(ReviewDbContext db, TimeProvider clock, ILogger<CloseRecalledReviewConsumer> log)
    : InboxConsumer<ReviewDbContext>(db, log), IConsumer<SubmissionRecalled>
{
    public Task Consume(ConsumeContext<SubmissionRecalled> context) => Once(context, async ct =>
    {
        var recalled = context.Message;
        var task = await Db.Reviews.SingleOrDefaultAsync(t => t.Id == recalled.ReviewId, ct);
        if (task is null)
        {
            // Its submission has not arrived (or never will); Authoring ignores approvals of a recalled review anyway.
            log.LogWarning("Recall of review {ReviewId} for {Slug}: no such review task here", recalled.ReviewId, recalled.Slug);
            return;
        }
        if (task.Status != ReviewStatus.Pending)
        {
            log.LogInformation("Recall of review {ReviewId} for {Slug}: already {Status}", recalled.ReviewId, recalled.Slug, task.Status);
            return;
        }
        task.Status = ReviewStatus.Recalled;
        task.ClosedAt = clock.GetUtcNow();
        // Bumping the token makes an approval racing this recall lose cleanly.
        task.Version++;
    });
}
