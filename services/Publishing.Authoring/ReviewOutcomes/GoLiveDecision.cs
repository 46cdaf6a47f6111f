using System.Text.Json;
using Publishing.Authoring.Content;
using Publishing.Authoring.Data;
using Publishing.Contracts;

namespace Publishing.Authoring.ReviewOutcomes;

/// <summary>
/// What a final approval does: publish now, or, while the item is a member of a release that is not
/// live yet, hold it as <see cref="ContentStatus.Approved"/> until the release goes live.
/// </summary>
public sealed class GoLiveDecision(Publication publication)
{
    public void Approved(AuthoringDbContext db, ContentItem item, ContentRevision revision, Submission submission,
        IReadOnlyList<Approval> approvals, DateTimeOffset now)
    {
        if (item.ReleaseId is null)
        {
            publication.Publish(db, item, revision, submission, approvals, now);
            return;
        }

        // Held: the sign-offs are kept with the submission (the release publishes with them) and the
        // submission stays the item's open one, so a newer submission replacing it is seen at the check.
        item.Status = ContentStatus.Approved;
        item.ReviewComment = null;
        submission.Status = SubmissionStatus.Approved;
        submission.Approvals = JsonSerializer.Serialize(approvals, JsonSerializerOptions.Web);
        db.Record(item, revision.Number, "approved", "system", "Publishing",
            "Every approval given; held until its release goes live.", now);
    }
}
