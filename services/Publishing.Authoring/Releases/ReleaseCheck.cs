using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Data;

namespace Publishing.Authoring.Releases;

/// <summary>What one member would do if the release went live now, and what stops it.</summary>
/// <param name="State">
/// <c>ready</c>, <c>live</c> (the release went live); or what blocks: <c>awaiting-approval</c>, <c>changes-requested</c>, <c>recalled</c>,
/// <c>replaced</c> (a newer submission took its place), <c>withdrawn-meanwhile</c> (the item was taken
/// down outside the release), <c>republished-meanwhile</c> (a withdrawal whose item has a newer live revision).
/// </param>
public sealed record MemberState(
    string Slug, string Kind, string Title, int Revision, string State, bool Blocks, string Detail, string? WithdrawalReason);

public sealed record ReleaseCheckResult(bool Ready, IReadOnlyList<MemberState> Members)
{
    public IReadOnlyList<MemberState> Blocking => Members.Where(m => m.Blocks).ToList();
}

/// <summary>
/// The rule a release must pass to go live: every change approved and still the one on offer, every
/// withdrawal still of the live revision, and nothing taken down outside the release since it was
/// added. Nothing is dropped silently: a member that no longer fits is named until it is removed.
/// </summary>
public static class ReleaseCheck
{
    public static async Task<ReleaseCheckResult> RunAsync(AuthoringDbContext db, Release release, CancellationToken ct)
    {
        var ids = release.Members.Select(m => m.ContentId).ToList();
        var items = await db.Content.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var submissionIds = release.Members.Where(m => m.SubmissionId != null).Select(m => m.SubmissionId!.Value).ToList();
        var submissions = await db.Submissions.Where(s => submissionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var titles = await db.Revisions
            .Where(r => ids.Contains(r.ContentId))
            .Select(r => new { r.ContentId, r.Number, r.Title })
            .ToListAsync(ct);

        var states = release.Members.OrderBy(m => m.AddedAt).ThenBy(m => m.Slug).Select(m =>
        {
            var item = items[m.ContentId];
            var title = titles.Single(t => t.ContentId == m.ContentId && t.Number == m.Revision).Title;
            var (state, detail) = release.Status == ReleaseStatus.Published
                ? ("live", m.Kind == ReleaseMemberKinds.Change ? $"Revision {m.Revision} went live with the release." : $"Revision {m.Revision} was taken down with the release.")
                : m.Kind == ReleaseMemberKinds.Change
                ? Change(m, item, submissions[m.SubmissionId!.Value])
                : Withdrawal(m, item);
            return new MemberState(m.Slug, m.Kind, title, m.Revision, state, state is not ("ready" or "live"), detail, m.WithdrawalReason);
        }).ToList();
        return new ReleaseCheckResult(states.All(s => !s.Blocks), states);
    }

    private static (string State, string Detail) Change(ReleaseMember member, ContentItem item, Submission submission)
    {
        if (item.WithdrawnAt > member.AddedAt)
            return ("withdrawn-meanwhile",
                $"Withdrawn outside the release on {item.WithdrawnAt:u}; remove it, or remove and add it again to publish it anyway.");
        if (item.OpenReviewId is { } open && open != submission.Id)
            return ("replaced", $"A newer submission (revision {item.CurrentRevision}) replaced revision {member.Revision}; remove it and add it again.");
        return submission.Status switch
        {
            SubmissionStatus.Approved when item.Status == ContentStatus.Approved => ("ready", $"Approved; revision {member.Revision} goes live."),
            SubmissionStatus.Approved => ("replaced", $"Revision {member.Revision} is no longer the one on offer; remove it."),
            SubmissionStatus.Pending => ("awaiting-approval", $"Revision {member.Revision} is still in review."),
            SubmissionStatus.ChangesRequested => ("changes-requested", "A reviewer asked for changes; remove it, or add the new submission once it is made."),
            _ => ("recalled", "The editor recalled the submission; remove it."),
        };
    }

    private static (string State, string Detail) Withdrawal(ReleaseMember member, ContentItem item) => item.PublishedRevision switch
    {
        null => ("withdrawn-meanwhile", $"Already withdrawn outside the release on {item.WithdrawnAt:u}; remove it."),
        var live when live != member.Revision =>
            ("republished-meanwhile", $"Revision {live} went live after the withdrawal of revision {member.Revision} was added; remove it and add it again."),
        _ => ("ready", $"Revision {member.Revision} is taken down."),
    };
}
