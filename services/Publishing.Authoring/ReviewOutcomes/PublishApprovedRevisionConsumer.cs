using MassTransit;
using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Data;
using Publishing.Contracts;
using Publishing.Messaging.Inbox;

namespace Publishing.Authoring.ReviewOutcomes;

/// <summary>Once Review reports every approval a revision needs, it goes live, is scheduled or is held for its release (<see cref="GoLiveDecision"/>).</summary>
public sealed class PublishApprovedRevisionConsumer(
    AuthoringDbContext db, GoLiveDecision goLive, TimeProvider clock, ILogger<PublishApprovedRevisionConsumer> log)
    : InboxConsumer<AuthoringDbContext>(db, log), IConsumer<ReviewApproved>
{
    public Task Consume(ConsumeContext<ReviewApproved> context) => Once(context, async ct =>
    {
        var approved = context.Message;
        var submission = await Db.Submissions.SingleOrDefaultAsync(s => s.Id == approved.ReviewId, ct);
        var item = await Db.Content.SingleOrDefaultAsync(c => c.Id == approved.ContentId, ct);
        // A review that was superseded by a newer submission, or already decided, publishes nothing.
        if (submission is not { Status: SubmissionStatus.Pending } || item is null || item.OpenReviewId != submission.Id)
        {
            log.LogInformation("Ignoring approval of review {ReviewId} for {Slug}: it is no longer the open review", approved.ReviewId, approved.Slug);
            return;
        }

        var revision = await Db.Revisions.SingleAsync(r => r.ContentId == item.Id && r.Number == submission.Revision, ct);
        goLive.Apply(Db, item, revision, submission, approved.Approvals, clock.GetUtcNow());
    });
}
