using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Content;
using Publishing.Authoring.Data;
using Publishing.Authoring.ReviewOutcomes;
using Publishing.Contracts;
using Publishing.Messaging.Outbox;

namespace Publishing.Authoring.Releases;

public abstract record GoLiveOutcome
{
    public sealed record Live(Release Release) : GoLiveOutcome;

    /// <summary>A member blocks it; nothing changed (a scheduled release is marked failed, saying which).</summary>
    public sealed record Blocked(ReleaseCheckResult Check) : GoLiveOutcome;

    /// <summary>Not pending any more, or another writer changed it first; nothing of this attempt is kept.</summary>
    public sealed record Lost(string Reason) : GoLiveOutcome;
}

/// <summary>
/// Puts a release live in ONE transaction: every change published (<see cref="Publication"/>), every
/// withdrawal made (<see cref="Withdrawal"/>), each member's event carrying the release id, and one
/// <see cref="ReleasePublished"/> carrying them all, all staged in the outbox with the state they
/// describe. The release's version is a concurrency token, so two instances (or an editor and the
/// scheduler) can both try and only one commits: the loser's transaction, events and all, is discarded.
/// </summary>
public sealed class ReleaseGoLive(AuthoringDbContext db, Publication publication)
{
    public async Task<GoLiveOutcome> RunAsync(Guid releaseId, string byId, string byName, DateTimeOffset now, CancellationToken ct)
    {
        var release = await db.Releases.Include(r => r.Members).SingleOrDefaultAsync(r => r.Id == releaseId, ct);
        if (release is null || !ReleaseStatus.IsPending(release.Status))
            return new GoLiveOutcome.Lost(release is null ? "No such release." : $"The release is {release.Status}.");

        var check = await ReleaseCheck.RunAsync(db, release, ct);
        if (!check.Ready || release.Members.Count == 0) return new GoLiveOutcome.Blocked(check);

        var published = new List<ContentPublished>();
        var withdrawn = new List<ContentWithdrawn>();
        var items = await db.Content.Where(c => release.Members.Select(m => m.ContentId).Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        foreach (var member in release.Members.OrderBy(m => m.AddedAt).ThenBy(m => m.Slug))
        {
            var item = items[member.ContentId];
            var revision = await db.Revisions.SingleAsync(r => r.ContentId == item.Id && r.Number == member.Revision, ct);
            item.ReleaseId = null;
            if (member.Kind == ReleaseMemberKinds.Change)
            {
                var submission = await db.Submissions.SingleAsync(s => s.Id == member.SubmissionId, ct);
                var approvals = JsonSerializer.Deserialize<List<Approval>>(submission.Approvals!, JsonSerializerOptions.Web)!;
                published.Add(publication.Publish(db, item, revision, submission, approvals, now, release.Id));
            }
            else
            {
                withdrawn.Add(Withdrawal.Withdraw(db, item, member.Revision, revision.Title, member.WithdrawalReason!, byId, byName, now, release.Id));
            }
            db.Record(item, member.Revision, "release-live", byId, byName, $"Went live in release '{release.Name}'.", now);
        }

        release.Status = ReleaseStatus.Published;
        release.Version++;
        release.PublishedAt = now;
        release.PublishedById = byId;
        release.PublishedByName = byName;
        release.Failure = null;
        db.AddOutboxMessage(new ReleasePublished(release.Id, release.Name, now, published, withdrawn), now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new GoLiveOutcome.Lost("The release or one of its items changed while it was going live; nothing went live.");
        }
        return new GoLiveOutcome.Live(release);
    }
}
