using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Publishing.Authoring.Data;
using Publishing.Messaging;
using Publishing.Messaging.Workers;

namespace Publishing.Authoring.Releases;

public sealed class ReleaseSchedulerOptions
{
    /// <summary>How often due releases are looked for: how late after its time a release goes live at most.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>Wakes the scheduler when a release is scheduled here, so a near time is not missed by a long sleep.</summary>
public sealed class ReleaseSchedulerSignal : WakeSignal;

/// <summary>
/// Puts scheduled releases live once their time has come on the injected <see cref="TimeProvider"/>.
/// The schedule is the release row, so a restart loses nothing; every instance may run this, and the
/// release's version token lets only one of them commit (<see cref="ReleaseGoLive"/>). A release a
/// member blocks at its time is marked failed, naming the members, and waits for an editor.
/// </summary>
public sealed class ReleaseScheduler(
    IServiceScopeFactory scopes, DatabaseReady<AuthoringDbContext> ready, IOptions<ReleaseSchedulerOptions> options,
    ReleaseSchedulerSignal signal, TimeProvider clock, ILogger<ReleaseScheduler> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ready.WaitAsync(stoppingToken);
        var loop = new DrainLoop(clock)
        {
            Interval = options.Value.Interval,
            Signal = signal,
            OnFailure = ex => log.LogError(ex, "The release scheduler's pass failed; it runs again after the interval"),
        };
        await loop.RunAsync(async ct =>
        {
            await RunOnceAsync(ct);
            return false;
        }, stoppingToken);
    }

    /// <summary>Tries every release whose time has come.</summary>
    /// <returns>How many went live.</returns>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        List<Guid> due;
        var now = clock.GetUtcNow();
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AuthoringDbContext>();
            due = await db.Releases.AsNoTracking()
                .Where(r => r.Status == ReleaseStatus.Scheduled && r.GoLiveAt <= now)
                .OrderBy(r => r.GoLiveAt)
                .Select(r => r.Id)
                .ToListAsync(ct);
        }

        var live = 0;
        foreach (var id in due)
        {
            await using var scope = scopes.CreateAsyncScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<ReleaseGoLive>()
                .RunAsync(id, "system", "Release schedule", clock.GetUtcNow(), ct);
            switch (outcome)
            {
                case GoLiveOutcome.Live:
                    live++;
                    log.LogInformation("Scheduled release {ReleaseId} went live", id);
                    break;
                case GoLiveOutcome.Blocked blocked:
                    await MarkFailedAsync(scope.ServiceProvider.GetRequiredService<AuthoringDbContext>(), id, blocked.Check, ct);
                    break;
                case GoLiveOutcome.Lost lost:
                    log.LogInformation("Scheduled release {ReleaseId} was not put live here: {Reason}", id, lost.Reason);
                    break;
            }
        }
        return live;
    }

    private async Task MarkFailedAsync(AuthoringDbContext db, Guid id, ReleaseCheckResult check, CancellationToken ct)
    {
        var release = await db.Releases.SingleAsync(r => r.Id == id, ct);
        if (release.Status != ReleaseStatus.Scheduled) return;
        release.Status = ReleaseStatus.Failed;
        release.Failure = check.Members.Count == 0
            ? "It had no members at its go-live time."
            : "At its go-live time: " + string.Join(" ", check.Blocking.Select(m => $"{m.Title} ({m.Slug}): {m.State}."));
        release.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
            log.LogWarning("Scheduled release {ReleaseId} did not go live: {Failure}", id, release.Failure);
        }
        catch (DbUpdateConcurrencyException)
        {
            log.LogInformation("Scheduled release {ReleaseId} changed while being marked failed; the next pass decides again", id);
        }
    }
}
