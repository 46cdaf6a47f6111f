using System.Text.Json;
using Publishing.Authoring.Data;
using Publishing.Authoring.GoLive;
using Publishing.Contracts;

namespace Publishing.Authoring.ReviewOutcomes;

/// <summary>
/// What a fully approved submission does: it goes live now, or, when its editor asked for a go-live
/// time that is still ahead, it is scheduled for then. A go-live time that passed while the review
/// ran has lifted its embargo already, so that revision goes live now.
/// </summary>
public sealed class GoLiveDecision(Publication publication)
{
    public void Apply(AuthoringDbContext db, ContentItem item, ContentRevision revision, Submission submission,
        IReadOnlyList<Approval> approvals, DateTimeOffset now)
    {
        if (submission.PublishAt is not { } at || at <= now)
        {
            publication.Publish(db, item, revision, submission, approvals, now);
            return;
        }

        // Kept now, so the publication at the go-live time carries the sign-offs that were given.
        submission.Status = SubmissionStatus.Approved;
        submission.Approvals = JsonSerializer.Serialize(approvals, JsonSerializerOptions.Web);
        item.ReviewComment = null;
        GoLiveSchedule.Set(db, item, revision.Number, at, "system", "Publishing", Publication.ApprovedBy(submission, approvals), now);
    }
}
