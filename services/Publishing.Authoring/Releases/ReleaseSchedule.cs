using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Data;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Authoring.Releases;

/// <param name="GoLiveAt">When the release goes live: a time in the future (any offset; kept as UTC).</param>
public sealed record ScheduleRequest(DateTimeOffset? GoLiveAt);

/// <summary>
/// Setting and cancelling a release's go-live time. The time is a row (the release's own), which
/// <see cref="ReleaseScheduler"/> reads; a release holding a withdrawal goes live now only, since a
/// withdrawal is immediate by definition.
/// </summary>
public static class ReleaseSchedule
{
    public static async Task<Results<Ok<ReleaseView>, ProblemHttpResult>> Set(
        Guid id, ScheduleRequest request, AuthoringDbContext db, TimeProvider clock, ReleaseSchedulerSignal signal, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (request.GoLiveAt is not { } at) return Problems.Invalid("goLiveAt", "Say when the release goes live (an ISO 8601 time with its offset).");
        if (at <= now)
            return Problems.Invalid("goLiveAt", $"The go-live time must be in the future (it is now {now:u}); to go live now, use go-live.",
                StatusCodes.Status422UnprocessableEntity);

        var release = await ReleaseRoutes.LoadAsync(db, id, ct);
        if (release is null) return ReleaseRoutes.NotFound(id);
        if (!ReleaseStatus.IsPending(release.Status)) return Problems.Conflict($"The release is {release.Status}; it can no longer be scheduled.");
        if (release.Members.Any(m => m.Kind == ReleaseMemberKinds.Withdrawal))
            return Problems.Conflict("The release holds a withdrawal, which is immediate: it can only go live now.");

        release.Status = ReleaseStatus.Scheduled;
        release.GoLiveAt = at.ToUniversalTime();
        release.Failure = null;
        release.Version++;
        var saved = await SaveAsync(db, release, ct);
        signal.Notify();
        return saved;
    }

    public static async Task<Results<Ok<ReleaseView>, ProblemHttpResult>> Cancel(Guid id, AuthoringDbContext db, CancellationToken ct)
    {
        var release = await ReleaseRoutes.LoadAsync(db, id, ct);
        if (release is null) return ReleaseRoutes.NotFound(id);
        if (release.Status != ReleaseStatus.Scheduled) return Problems.Conflict($"The release is {release.Status}, not scheduled.");
        release.Status = ReleaseStatus.Open;
        release.GoLiveAt = null;
        release.Version++;
        return await SaveAsync(db, release, ct);
    }

    private static async Task<Results<Ok<ReleaseView>, ProblemHttpResult>> SaveAsync(AuthoringDbContext db, Release release, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict("The release changed at the same time (it may have gone live); reload and try again.");
        }
        return TypedResults.Ok(await ReleaseRoutes.ViewAsync(db, release, ct));
    }
}
