using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Publishing.Messaging.Workers;
using Publishing.Notifications.Data;

namespace Publishing.Notifications.Webhooks;

/// <summary>
/// The claimed deliveries this process holds, from the claim until their outcome is stored, kept
/// alive together: every third of <see cref="WebhookOptions.ClaimLease"/> one statement moves their
/// due time to the end of a fresh lease. So a live worker keeps its rows however long they wait for a
/// slot or an attempt takes, while a dead one's are claimed again, by another instance or the
/// restarted process, within one lease. A claim whose renewals have not got through by a fifth of a
/// lease before its end (the database stalled or unreachable) is given up: its attempts in flight are
/// cancelled and its waiting rows are not started, before another instance may take them and send them too.
/// Rows not sent are handed back to the queue through here as well.
/// </summary>
public sealed class DeliveryLeases : IDisposable
{
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly ILogger<DeliveryLeases> _log;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Claim> _claims = [];
    private readonly ITimer _expiry;

    /// <summary>The rows of one claim still held, and until when the database has them as ours.</summary>
    private sealed class Claim(HashSet<long> ids, DateTimeOffset until)
    {
        public readonly HashSet<long> Ids = ids;
        public DateTimeOffset Until = until;
        public readonly CancellationTokenSource Lost = new();
    }

    public DeliveryLeases(IServiceScopeFactory scopes, IOptions<WebhookOptions> options, TimeProvider clock, ILogger<DeliveryLeases> log)
    {
        _scopes = scopes;
        _clock = clock;
        _log = log;
        Lease = options.Value.ClaimLease;
        _expiry = clock.CreateTimer(_ => GiveUpExpired(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public TimeSpan Lease { get; }

    private TimeSpan Margin => LeaseHeartbeat.Margin(Lease);

    /// <summary>Holds the rows of the claim <paramref name="token"/>, made at <paramref name="claimedAt"/>.</summary>
    /// <returns>false when the claim took so long that its lease is nearly over: the rows are left to run it out.</returns>
    public bool Hold(string token, IEnumerable<long> ids, DateTimeOffset claimedAt)
    {
        lock (_gate)
        {
            if (_clock.GetUtcNow() >= claimedAt + Lease - Margin) return false;
            _claims[token] = new Claim([.. ids], claimedAt + Lease);
            ScheduleExpiry();
            return true;
        }
    }

    /// <summary>Whether the row is still ours to send, and the token cancelled when it stops being ours.</summary>
    public bool TryStart(DeliveryJob job, out CancellationToken lost)
    {
        lock (_gate)
        {
            var held = _claims.TryGetValue(job.Token, out var claim) && claim.Ids.Contains(job.Id);
            lost = held ? claim!.Lost.Token : default;
            return held;
        }
    }

    /// <summary>The row's outcome is stored, or it was handed back or given up: it is no longer renewed.</summary>
    public void Release(DeliveryJob job)
    {
        lock (_gate)
        {
            if (!_claims.TryGetValue(job.Token, out var claim)) return;
            claim.Ids.Remove(job.Id);
            if (claim.Ids.Count == 0) _claims.Remove(job.Token);
            ScheduleExpiry();
        }
    }

    /// <summary>Returns claimed rows that were never started (shutting down) to the queue at once.</summary>
    public async Task HandBackAsync(List<DeliveryJob> jobs)
    {
        if (jobs.Count == 0) return;
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var due = _clock.GetUtcNow().ToUnixTimeMilliseconds();
            foreach (var byToken in jobs.GroupBy(j => j.Token))
            {
                var ids = byToken.Select(j => j.Id).ToList();
                await db.Deliveries.Where(d => ids.Contains(d.Id) && d.LockToken == byToken.Key)
                    .ExecuteUpdateAsync(u => u.SetProperty(d => d.LockToken, (string?)null).SetProperty(d => d.NextAttemptAt, due), timeout.Token);
            }
        }
        catch (Exception ex)
        {
            _log.LogDebug(ex, "Could not hand back {Count} unsent deliveries on shutdown; their lease will run out", jobs.Count);
        }
        finally
        {
            foreach (var job in jobs) Release(job);
        }
    }

    /// <summary>Hands a claimed row back without an attempt (or closes it when <paramref name="state"/> says so).</summary>
    public async Task ReleaseAsync(DeliveryJob job, DateTimeOffset? dueAt, string? error, string state)
    {
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var due = (dueAt ?? _clock.GetUtcNow()).ToUnixTimeMilliseconds();
            await db.Deliveries.Where(d => d.Id == job.Id && d.LockToken == job.Token)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.LockToken, (string?)null)
                    .SetProperty(d => d.NextAttemptAt, due)
                    .SetProperty(d => d.State, state)
                    .SetProperty(d => d.LastError, d => error ?? d.LastError), timeout.Token);
        }
        finally
        {
            Release(job);
        }
    }

    /// <summary>Renews the held rows every third of a lease until <paramref name="stopping"/>.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(LeaseHeartbeat.RenewEvery(Lease), _clock, stopping);
                await RenewAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                _log.LogWarning(ex, "Renewing the claims on webhook deliveries failed; they are given up unless the next renewal gets through");
            }
        }
    }

    private async Task RenewAsync(CancellationToken ct)
    {
        var at = _clock.GetUtcNow();
        List<string> tokens;
        List<long> ids;
        lock (_gate)
        {
            if (_claims.Count == 0) return;
            tokens = [.. _claims.Keys];
            ids = [.. _claims.Values.SelectMany(c => c.Ids)];
        }
        var until = at + Lease;
        var untilMs = until.ToUnixTimeMilliseconds();
        await using (var scope = _scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            // By key, and only while the row still carries one of our claims: a row stored, re-driven or
            // taken by another instance since is left alone.
            await db.Deliveries.Where(d => ids.Contains(d.Id) && d.LockToken != null && tokens.Contains(d.LockToken))
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.NextAttemptAt, untilMs), ct);
        }
        lock (_gate)
        {
            foreach (var token in tokens)
                if (_claims.TryGetValue(token, out var claim) && claim.Until < until) claim.Until = until;
            ScheduleExpiry();
        }
    }

    private void GiveUpExpired()
    {
        List<(string Token, Claim Claim)> expired;
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            expired = [.. _claims.Where(c => now >= c.Value.Until - Margin).Select(c => (c.Key, c.Value))];
            foreach (var (token, _) in expired) _claims.Remove(token);
            ScheduleExpiry();
        }
        foreach (var (_, claim) in expired)
        {
            _log.LogWarning("The claim on {Count} webhook deliveries could not be renewed in time; they are given up and will be claimed again",
                claim.Ids.Count);
            // Off the timer thread: cancelling runs what the attempts registered.
            _ = claim.Lost.CancelAsync();
        }
    }

    /// <summary>Sets the timer for the claim that runs out first. Call under the gate.</summary>
    private void ScheduleExpiry()
    {
        if (_claims.Count == 0)
        {
            _expiry.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }
        var due = _claims.Values.Min(c => c.Until) - Margin - _clock.GetUtcNow();
        _expiry.Change(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    public void Dispose() => _expiry.Dispose();
}
