using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Content;
using Publishing.Authoring.Data;
using Publishing.Messaging.Validation;
using Publishing.ServiceDefaults.Auth;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Authoring.Releases;

/// <param name="Kind"><c>change</c> (the default) or <c>withdrawal</c>.</param>
/// <param name="Reason">For a withdrawal: why, as subscribers and readers will see it.</param>
/// <param name="ConfirmTitle">For a withdrawal: the published title, typed, as on the withdraw page.</param>
public sealed record AddMemberRequest(
    [property: JsonConverter(typeof(JsonText))] string? Slug,
    [property: JsonConverter(typeof(JsonText))] string? Kind = null,
    [property: JsonConverter(typeof(JsonText))] string? Reason = null,
    [property: JsonConverter(typeof(JsonText))] string? ConfirmTitle = null);

/// <summary>
/// Adding and removing members while a release is not live. A change is an item's submission in review
/// or approved (added by an editor); a withdrawal is of a published item (added by a reviewer or admin,
/// as for the fast track). An item is in at most one release that is not live yet.
/// </summary>
public static class ReleaseMembership
{
    public static async Task<Results<Ok<ReleaseView>, ProblemHttpResult>> Add(
        Guid id, AddMemberRequest request, ClaimsPrincipal principal, AuthoringDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var refused = TextHygiene.Refused(("slug", request.Slug, false), ("kind", request.Kind, false),
            ("reason", request.Reason, true), ("confirmTitle", request.ConfirmTitle, false));
        if (refused.Count > 0) return Problems.Invalid(refused, StatusCodes.Status422UnprocessableEntity);
        var kind = request.Kind ?? ReleaseMemberKinds.Change;
        if (kind is not (ReleaseMemberKinds.Change or ReleaseMemberKinds.Withdrawal))
            return Problems.Invalid("kind", "The kind must be change or withdrawal.");
        if (request.Slug is null || !Slug.IsValid(request.Slug)) return Problems.BadSlug();
        var withdrawal = kind == ReleaseMemberKinds.Withdrawal;
        if (withdrawal && string.IsNullOrWhiteSpace(request.Reason))
            return Problems.Invalid("reason", "Say why the content is withdrawn; subscribers and readers see it.");
        if (withdrawal && request.Reason!.Length > EventLimits.Text) return Problems.Invalid("reason", "A reason is at most 2000 characters.");
        if (withdrawal && string.IsNullOrWhiteSpace(request.ConfirmTitle))
            return Problems.Invalid("confirmTitle", "Type the published title to confirm the withdrawal.");
        if (!withdrawal && (request.Reason is not null || request.ConfirmTitle is not null))
            return Problems.Invalid("kind", "A reason and a typed title belong to a withdrawal; a change goes live as it was submitted.");

        var user = CurrentUser.From(principal);
        if (Refused(user, kind) is { } forbidden) return forbidden;
        var release = await ReleaseRoutes.LoadAsync(db, id, ct);
        if (release is null) return ReleaseRoutes.NotFound(id);
        if (!ReleaseStatus.IsPending(release.Status)) return Problems.Conflict($"The release is {release.Status}; it can no longer change.");
        if (withdrawal && release.Status == ReleaseStatus.Scheduled)
            return Problems.Conflict("A withdrawal is immediate: cancel the release's schedule before adding one, then put it live now.");
        if (release.Members.Count >= EventLimits.ReleaseMembers)
            return Problems.Conflict($"A release holds at most {EventLimits.ReleaseMembers} members.");

        var (item, problem) = await db.FindAsync(request.Slug, ct, track: true);
        if (item is null) return problem!;
        if (item.ReleaseId == release.Id) return Problems.Conflict($"'{item.Slug}' is already in this release.");
        if (item.ReleaseId is { } other)
        {
            var name = await db.Releases.Where(r => r.Id == other).Select(r => r.Name).SingleAsync(ct);
            return Problems.Conflict($"'{item.Slug}' is already in the release '{name}'; an item is in one release at a time.");
        }

        var now = clock.GetUtcNow();
        var member = new ReleaseMember
        {
            ReleaseId = release.Id, ContentId = item.Id, Slug = item.Slug, Kind = kind,
            AddedById = user.Id, AddedByName = user.Name, AddedAt = now,
        };
        if (withdrawal)
        {
            if (item.PublishedRevision is not { } live)
                return Problems.Conflict("Nothing of this item is published, so there is nothing to withdraw.");
            var title = await db.Revisions.Where(r => r.ContentId == item.Id && r.Number == live).Select(r => r.Title).SingleAsync(ct);
            if (!Withdrawal.SameTitle(request.ConfirmTitle!, title))
                return Problems.Invalid("confirmTitle",
                    $"Type the published title, {title}, to confirm; nothing was added.", StatusCodes.Status422UnprocessableEntity);
            member.Revision = live;
            member.WithdrawalReason = request.Reason!.Trim();
        }
        else
        {
            var submission = item.OpenReviewId is { } open ? await db.Submissions.SingleAsync(s => s.Id == open, ct) : null;
            if (submission is null || item.Status is not (ContentStatus.InReview or ContentStatus.Approved))
                return Problems.Conflict($"Only an item in review or approved can join a release as a change; this item is {item.Status}.");
            member.SubmissionId = submission.Id;
            member.Revision = submission.Revision;
        }

        release.Members.Add(member);
        release.Version++;
        item.ReleaseId = release.Id;
        db.Record(item, member.Revision, "added-to-release", user,
            withdrawal ? $"Withdrawal added to release '{release.Name}': {member.WithdrawalReason}" : $"Added to release '{release.Name}'.", now);
        return await SaveAsync(db, release, ct);
    }

    public static async Task<Results<Ok<ReleaseView>, ProblemHttpResult>> Remove(
        Guid id, string slug, ClaimsPrincipal principal, AuthoringDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug();
        var release = await ReleaseRoutes.LoadAsync(db, id, ct);
        if (release is null) return ReleaseRoutes.NotFound(id);
        var member = release.Members.SingleOrDefault(m => m.Slug == slug);
        if (member is null) return Problems.NotFound($"'{slug}' is not in this release.");
        var user = CurrentUser.From(principal);
        if (Refused(user, member.Kind) is { } forbidden) return forbidden;
        if (!ReleaseStatus.IsPending(release.Status)) return Problems.Conflict($"The release is {release.Status}; it can no longer change.");

        var item = await db.Content.SingleAsync(c => c.Id == member.ContentId, ct);
        release.Members.Remove(member);
        release.Version++;
        // An approved change stays approved and not live: it can join another release, or be recalled.
        if (item.ReleaseId == release.Id) item.ReleaseId = null;
        db.Record(item, member.Revision, "removed-from-release", user, $"Removed from release '{release.Name}'.", clock.GetUtcNow());
        return await SaveAsync(db, release, ct);
    }

    private static ProblemHttpResult? Refused(CurrentUser user, string kind) => kind == ReleaseMemberKinds.Withdrawal
        ? user.IsIn(Roles.Reviewer) || user.IsIn(Roles.Admin) ? null : Problems.Forbidden("Only a reviewer or an admin withdraws content, in a release too.")
        : user.IsIn(Roles.Editor) ? null : Problems.Forbidden("Only an editor adds or removes a change.");

    private static async Task<Results<Ok<ReleaseView>, ProblemHttpResult>> SaveAsync(AuthoringDbContext db, Release release, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict("The release or the item changed at the same time; reload and try again.");
        }
        return TypedResults.Ok(await ReleaseRoutes.ViewAsync(db, release, ct));
    }
}
