using Publishing.Authoring.Content;
using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Data;
using Publishing.ServiceDefaults.Auth;

namespace Publishing.Authoring.GoLive;

/// <summary>
/// The one home of an approved item's go-live time: setting, moving and cancelling it, each written
/// to the trail with who did it and the time before and after. Publishing clears it (<see cref="ReviewOutcomes.Publication"/>).
/// </summary>
public static class GoLiveSchedule
{
    public static void Set(AuthoringDbContext db, ContentItem item, int revision, DateTimeOffset at,
        string actorId, string actorName, string? why, DateTimeOffset now)
    {
        var from = item.Status == ContentStatus.Scheduled ? item.PublishAt : null;
        item.Status = ContentStatus.Scheduled;
        item.PublishAt = at;
        var detail = from is { } before
            ? $"Go-live time moved from {GoLiveTime.Format(before)} to {GoLiveTime.Format(at)}."
            : $"Goes live at {GoLiveTime.Format(at)}.";
        db.Record(item, revision, from is null ? "scheduled" : "rescheduled", actorId, actorName, Joined(why, detail), now);
    }

    /// <summary>
    /// A new save on an approved, unpublished revision: the approval was for the text before it, so
    /// it is set aside (never published) and the item is a draft to submit again.
    /// </summary>
    public static async Task SetAsideAsync(AuthoringDbContext db, ContentItem item, CurrentUser user, DateTimeOffset now, CancellationToken ct)
    {
        if (item.OpenReviewId is { } id && await db.Submissions.SingleOrDefaultAsync(s => s.Id == id, ct) is { } submission)
        {
            submission.Status = SubmissionStatus.SetAside;
            db.Record(item, submission.Revision, "approval-set-aside", user,
                $"Revision {submission.Revision} was approved but not published; a new save set its approval aside.", now);
        }
        item.Status = ContentStatus.Draft;
        item.OpenReviewId = null;
    }

    private static string Joined(string? why, string detail) => why is null ? detail : $"{why.TrimEnd('.')}. {detail}";

    /// <summary>Back to approved and not live: nothing goes live until an editor publishes or schedules it again.</summary>
    public static void Cancel(AuthoringDbContext db, ContentItem item, int revision, string actorId, string actorName, string? why, DateTimeOffset now)
    {
        var from = item.PublishAt;
        item.Status = ContentStatus.Approved;
        item.PublishAt = null;
        var detail = $"Go-live time {(from is { } before ? GoLiveTime.Format(before) : "(none)")} cancelled; the revision stays approved and unpublished.";
        db.Record(item, revision, "schedule-cancelled", actorId, actorName, Joined(why, detail), now);
    }
}
