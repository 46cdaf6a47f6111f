using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Data;
using Publishing.Messaging.Validation;
using Publishing.ServiceDefaults.Auth;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Authoring.Releases;

public sealed record CreateReleaseRequest([property: JsonConverter(typeof(JsonText))] string? Name);

/// <summary>Creating, reading, checking and putting live a release (members: <see cref="ReleaseMembership"/>).</summary>
public static class ReleaseRoutes
{
    public static async Task<Results<Created<ReleaseView>, ProblemHttpResult>> Create(
        CreateReleaseRequest request, ClaimsPrincipal principal, AuthoringDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var refused = TextHygiene.Refused(("name", request.Name, false));
        if (refused.Count > 0) return Problems.Invalid(refused, StatusCodes.Status422UnprocessableEntity);
        if (string.IsNullOrWhiteSpace(request.Name)) return Problems.Invalid("name", "Name the release, so editors can tell it from others.");
        if (request.Name.Trim().Length > EventLimits.ReleaseName)
            return Problems.Invalid("name", $"A release name is at most {EventLimits.ReleaseName} characters.");

        var user = CurrentUser.From(principal);
        var release = new Release
        {
            Id = Guid.NewGuid(), Name = request.Name.Trim(), Status = ReleaseStatus.Open,
            CreatedById = user.Id, CreatedByName = user.Name, CreatedAt = clock.GetUtcNow(),
        };
        db.Releases.Add(release);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/releases/{release.Id}", ReleaseView.From(release, new ReleaseCheckResult(true, [])));
    }

    /// <summary>Every release, those not yet live first, newest first.</summary>
    public static async Task<Ok<List<ReleaseSummary>>> List(AuthoringDbContext db, CancellationToken ct)
    {
        var all = await db.Releases.AsNoTracking()
            .Select(r => new ReleaseSummary(r.Id, r.Name, r.Status, r.GoLiveAt, r.Members.Count, r.CreatedAt, r.PublishedAt))
            .ToListAsync(ct);
        return TypedResults.Ok(all
            .OrderBy(r => r.Status == ReleaseStatus.Published)
            .ThenByDescending(r => r.PublishedAt ?? r.CreatedAt)
            .ToList());
    }

    public static async Task<Results<Ok<ReleaseView>, ProblemHttpResult>> Get(Guid id, AuthoringDbContext db, CancellationToken ct)
    {
        var release = await LoadAsync(db, id, ct);
        if (release is null) return NotFound(id);
        return TypedResults.Ok(await ViewAsync(db, release, ct));
    }

    public static async Task<Results<Ok<ReleaseCheckResult>, ProblemHttpResult>> Check(Guid id, AuthoringDbContext db, CancellationToken ct)
    {
        var release = await LoadAsync(db, id, ct);
        if (release is null) return NotFound(id);
        return TypedResults.Ok(await ReleaseCheck.RunAsync(db, release, ct));
    }

    /// <summary>Now, whatever its schedule; 409 naming every member that blocks it, with nothing changed.</summary>
    public static async Task<Results<Ok<ReleaseView>, ProblemHttpResult>> GoLive(
        Guid id, ClaimsPrincipal principal, AuthoringDbContext db, ReleaseGoLive goLive, TimeProvider clock, CancellationToken ct)
    {
        var user = CurrentUser.From(principal);
        if (!await db.Releases.AnyAsync(r => r.Id == id, ct)) return NotFound(id);
        var outcome = await goLive.RunAsync(id, user.Id, user.Name, clock.GetUtcNow(), ct);
        return outcome switch
        {
            GoLiveOutcome.Live live => TypedResults.Ok(await ViewAsync(db, live.Release, ct)),
            GoLiveOutcome.Blocked { Check.Members.Count: 0 } => Problems.Conflict("The release has no members; add at least one."),
            GoLiveOutcome.Blocked blocked => Blocked(blocked.Check),
            GoLiveOutcome.Lost lost => Problems.Conflict(lost.Reason),
            _ => throw new InvalidOperationException("Unknown go-live outcome."),
        };
    }

    /// <summary>409 whose detail names each blocking member and why, with the members in <c>blocking</c>.</summary>
    public static ProblemHttpResult Blocked(ReleaseCheckResult check) => TypedResults.Problem(
        detail: "The release cannot go live: " + string.Join(" ", check.Blocking.Select(m => $"{m.Title} ({m.Slug}): {m.State}. {m.Detail}")),
        statusCode: StatusCodes.Status409Conflict,
        title: "Conflict",
        extensions: new Dictionary<string, object?> { ["blocking"] = check.Blocking });

    internal static Task<Release?> LoadAsync(AuthoringDbContext db, Guid id, CancellationToken ct) =>
        db.Releases.Include(r => r.Members).SingleOrDefaultAsync(r => r.Id == id, ct);

    internal static async Task<ReleaseView> ViewAsync(AuthoringDbContext db, Release release, CancellationToken ct) =>
        ReleaseView.From(release, await ReleaseCheck.RunAsync(db, release, ct));

    internal static ProblemHttpResult NotFound(Guid id) => Problems.NotFound($"No release has the id '{id}'.");
}
