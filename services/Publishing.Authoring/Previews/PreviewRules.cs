using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Data;

namespace Publishing.Authoring.Previews;

/// <summary>Which revisions may be shown through a preview link, and for how long a link may live.</summary>
public static class PreviewRules
{
    public static readonly TimeSpan ShortestExpiry = TimeSpan.FromHours(1);
    public static readonly TimeSpan LongestExpiry = TimeSpan.FromDays(30);
    public static readonly TimeSpan DefaultExpiry = TimeSpan.FromDays(7);

    /// <summary>
    /// A revision can be previewed while a submission of it is in review or approved: it has been put
    /// to a clinician, unlike a draft. A draft, a recalled or returned revision is not shareable.
    /// </summary>
    public static Task<Submission?> ShareableSubmissionAsync(AuthoringDbContext db, Guid contentId, int revision, CancellationToken ct) =>
        db.Submissions.AsNoTracking()
            .Where(s => s.ContentId == contentId && s.Revision == revision
                        && (s.Status == SubmissionStatus.Pending || s.Status == SubmissionStatus.Approved))
            .OrderByDescending(s => s.SubmittedAt)
            .FirstOrDefaultAsync(ct);

    /// <summary>The revision a link shows when none is named: the one in review, else the latest approved.</summary>
    public static async Task<int?> DefaultRevisionAsync(AuthoringDbContext db, ContentItem item, CancellationToken ct)
    {
        if (item.OpenReviewId is { } open)
        {
            var inReview = await db.Submissions.AsNoTracking().Where(s => s.Id == open && s.Status == SubmissionStatus.Pending)
                .Select(s => (int?)s.Revision).FirstOrDefaultAsync(ct);
            if (inReview is not null) return inReview;
        }
        return await db.Submissions.AsNoTracking()
            .Where(s => s.ContentId == item.Id && s.Status == SubmissionStatus.Approved)
            .OrderByDescending(s => s.Revision)
            .Select(s => (int?)s.Revision)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>Why a link no longer shows anything, or null while it does.</summary>
    public static string? Ended(PreviewLink link, ContentItem item, Submission? stillShareable, DateTimeOffset now)
    {
        if (link.RevokedAt is not null) return "This preview link was revoked.";
        if (now >= link.ExpiresAt) return "This preview link has expired.";
        // A withdrawal is a safety decision: nothing at or before the withdrawn revision is shown any more.
        if (item.WithdrawnAt is not null && link.Revision <= (item.PublishedRevision ?? 0))
            return "The content this preview link showed was withdrawn.";
        if (stillShareable is null) return "The revision this preview link showed is no longer in review or approved.";
        return null;
    }
}
