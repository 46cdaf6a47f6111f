using System.Text.Json;
using Publishing.Authoring.Content;
using Publishing.Authoring.Data;
using Publishing.Authoring.GoLive;
using Publishing.Contracts;

namespace Publishing.Authoring.ReviewOutcomes;

/// <summary>
/// What a fully approved submission does. While the item is a member of a release that is not live
/// yet, it is held as <see cref="ContentStatus.Approved"/> until the release goes live (the release's
/// time, not the submission's, then decides). Otherwise it goes live now, or, when its editor asked
/// for a go-live time that is still ahead, it is scheduled for then. A go-live time that passed while
/// the review ran has lifted its embargo already, so that revision goes live now.
/// </summary>
public sealed class GoLiveDecision(Publication publication)
{
    public void Apply(AuthoringDbContext db, ContentItem item, ContentRevision revision, Submission submission,
        IReadOnlyList<Approval> approvals, DateTimeOffset now)
    {
        if (item.ReleaseId is not null)
        {
            // Held: the sign-offs are kept with the submission (the release publishes with them) and the
            // submission stays the item's open one, so a newer submission replacing it is seen at the check.
            Keep(item, submission, approvals);
            item.Status = ContentStatus.Approved;
            db.Record(item, revision.Number, "approved", "system", "Publishing",
                "Every approval given; held until its release goes live.", now);
            return;
        }

        if (submission.PublishAt is not { } at || at <= now)
        {
            publication.Publish(db, item, revision, submission, approvals, now);
            return;
        }

        // Kept now, so the publication at the go-live time carries the sign-offs that were given.
        Keep(item, submission, approvals);
        GoLiveSchedule.Set(db, item, revision.Number, at, "system", "Publishing", Publication.ApprovedBy(submission, approvals), now);
    }

    private static void Keep(ContentItem item, Submission submission, IReadOnlyList<Approval> approvals)
    {
        submission.Status = SubmissionStatus.Approved;
        submission.Approvals = JsonSerializer.Serialize(approvals, JsonSerializerOptions.Web);
        item.ReviewComment = null;
    }
}
