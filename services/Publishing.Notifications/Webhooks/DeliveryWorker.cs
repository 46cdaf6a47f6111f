using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Publishing.Messaging;
using Publishing.Messaging.Workers;
using Publishing.Notifications.Data;

namespace Publishing.Notifications.Webhooks;

/// <summary>
/// Sends due deliveries: claims them under a short lease that <see cref="DeliveryLeases"/> renews
/// while they are held (so two instances never send the same attempt, and a dead one's rows are
/// taken over within seconds), and starts their attempts (<see cref="AttemptRunner"/>) with at most
/// <see cref="WebhookOptions.MaxConcurrency"/> requests in flight, and
/// <see cref="WebhookOptions.MaxConcurrencyPerEndpoint"/> to one endpoint. Woken by new deliveries,
/// otherwise it looks for due retries every <see cref="WebhookOptions.PollInterval"/> of the injected clock.
/// </summary>
/// <remarks>
/// A claim takes up to <see cref="ClaimAhead"/> times as many rows as may be in flight, per endpoint
/// and overall, so a finished attempt starts the next one from memory: a claim is a database write,
/// and claiming once per attempt would make the database, not the sites, the limit.
/// </remarks>
public sealed class DeliveryWorker(
    IServiceScopeFactory scopes,
    DatabaseReady<NotificationsDbContext> ready,
    DeliverySignal signal,
    DeliveryOutcomeRecorder recorder,
    DeliveryLeases leases,
    AttemptRunner attempts,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<DeliveryWorker> log) : BackgroundService
{
    /// <summary>Claimed rows per endpoint, and overall, as a multiple of the attempts allowed in flight.</summary>
    private const int ClaimAhead = 8;

    /// <summary>
    /// Attempts started per sending slot: each writes its log row (<see cref="AttemptStarts"/>) and then
    /// waits for a slot, so when a slot frees the next request goes out at once instead of after a write.
    /// </summary>
    private const int StartAhead = 2;

    private readonly WebhookOptions _options = options.Value;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, EndpointWork> _endpoints = [];
    private readonly HashSet<Task> _running = [];
    private SemaphoreSlim _sends = null!;
    private int _held;
    private long _claimOrder;
    private CancellationToken _stopping;

    /// <summary>One endpoint's claimed rows: those started (being sent, or about to be) and those waiting.</summary>
    private sealed class EndpointWork(int slots)
    {
        /// <summary>In claim order, numbered across all endpoints.</summary>
        public readonly Queue<(long Order, DeliveryJob Job)> Waiting = new();
        public int Started;
        public int Held => Waiting.Count + Started;

        /// <summary>The endpoint's sending slots.</summary>
        public readonly SemaphoreSlim Sends = new(slots, slots);
    }

    private int MaxConcurrency => Math.Max(1, _options.MaxConcurrency);
    private int PerEndpoint => Math.Max(1, _options.MaxConcurrencyPerEndpoint);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ready.WaitAsync(stoppingToken);
        _stopping = stoppingToken;
        _sends = new SemaphoreSlim(MaxConcurrency, MaxConcurrency);
        // Renewed until the last outcome is stored, after the attempts in flight have finished.
        using var renewing = new CancellationTokenSource();
        var renewals = leases.RunAsync(renewing.Token);
        var recording = Task.Run(recorder.RunAsync, CancellationToken.None);

        var loop = new DrainLoop(clock)
        {
            Signal = signal,
            Interval = _options.PollInterval,
            OnFailure = ex => log.LogError(ex, "Claiming webhook deliveries failed; trying again after the poll interval"),
        };
        await loop.RunAsync(ClaimWhatFitsAsync, stoppingToken);

        Task[] left;
        List<DeliveryJob> waiting;
        lock (_gate)
        {
            left = [.. _running];
            waiting = _endpoints.Values.SelectMany(e => e.Waiting).Select(w => w.Job).ToList();
            foreach (var e in _endpoints.Values) e.Waiting.Clear();
        }
        await leases.HandBackAsync(waiting);
        await Task.WhenAll(left);
        recorder.Complete();
        await recording;
        await renewing.CancelAsync();
        await renewals;
    }

    /// <summary>Claims as many rows as the buffer has room for.</summary>
    /// <returns>Whether the claim was full, so more may be due right now.</returns>
    private async Task<bool> ClaimWhatFitsAsync(CancellationToken ct)
    {
        int room;
        Dictionary<string, int> held;
        lock (_gate)
        {
            room = ClaimAhead * MaxConcurrency - _held;
            held = _endpoints.ToDictionary(e => e.Key, e => e.Value.Held);
        }
        if (room <= 0) return false;
        return await ClaimAsync(room, held, ct) == room;
    }

    /// <summary>
    /// Claims up to <paramref name="max"/> due rows, no more per endpoint than its share leaves room
    /// for beside what this worker already holds there, and starts what the slots allow.
    /// </summary>
    private async Task<int> ClaimAsync(int max, Dictionary<string, int> held, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var token = Guid.NewGuid().ToString("N");
        var now = clock.GetUtcNow();
        var until = now + leases.Lease;
        var claimed = await JobClaims.ClaimDeliveriesAsync(
            db, token, now.ToUnixTimeMilliseconds(), until.ToUnixTimeMilliseconds(), max, ClaimAhead * PerEndpoint,
            JsonSerializer.Serialize(held), ct);
        if (claimed == 0) return 0;

        var jobs = await db.Deliveries.AsNoTracking()
            .Where(d => d.LockToken == token)
            .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id)
            .Join(db.Subscriptions, d => d.SubscriptionId, s => s.Id,
                (d, s) => new DeliveryJob(d.Id, token, d.Endpoint, d.WebhookId, d.Payload, s.Id, s.Url, s.Secret, s.State))
            .ToListAsync(ct);
        if (!leases.Hold(token, jobs.Select(j => j.Id), now))
        {
            log.LogWarning("Claiming {Count} deliveries took nearly their whole lease; they are left to be claimed again", jobs.Count);
            return claimed;
        }

        int holding;
        lock (_gate)
        {
            foreach (var job in jobs)
            {
                if (!_endpoints.TryGetValue(job.Endpoint, out var work)) _endpoints[job.Endpoint] = work = new EndpointWork(PerEndpoint);
                work.Waiting.Enqueue((++_claimOrder, job));
                _held++;
            }
            StartWhatFits();
            holding = _held;
        }
        log.LogDebug("Claimed {Claimed} deliveries, holding {Held}", claimed, holding);
        return claimed;
    }

    /// <summary>
    /// Starts waiting attempts while there is room, <see cref="StartAhead"/> per slot overall and per
    /// endpoint, oldest claim first across endpoints, so no endpoint's rows wait behind later claims.
    /// Call under the gate.
    /// </summary>
    private void StartWhatFits()
    {
        while (_running.Count < StartAhead * MaxConcurrency)
        {
            EndpointWork? next = null;
            var oldest = long.MaxValue;
            foreach (var work in _endpoints.Values)
            {
                if (work.Started < StartAhead * PerEndpoint && work.Waiting.TryPeek(out var head) && head.Order < oldest)
                {
                    next = work;
                    oldest = head.Order;
                }
            }
            if (next is null) return;

            var (_, job) = next.Waiting.Dequeue();
            next.Started++;
            var slots = next.Sends;
            var task = Task.Run(() => attempts.RunAsync(job, slots, _sends, _stopping), CancellationToken.None);
            _running.Add(task);
            // Never inline: an attempt that already finished must not re-enter this loop.
            _ = task.ContinueWith(Finished, job, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    private void Finished(Task task, object? state)
    {
        var job = (DeliveryJob)state!;
        bool wake;
        lock (_gate)
        {
            _running.Remove(task);
            _held--;
            var work = _endpoints[job.Endpoint];
            work.Started--;
            if (work.Held == 0) _endpoints.Remove(job.Endpoint);
            if (_stopping.IsCancellationRequested) return;
            StartWhatFits();
            // Top up when this endpoint's share or the whole buffer is half used, well before either
            // runs dry (a claim may wait behind another writer); wake-ups coalesce.
            var endpointHeld = _endpoints.TryGetValue(job.Endpoint, out var left) ? left.Held : 0;
            wake = endpointHeld < ClaimAhead * PerEndpoint / 2 || _held < ClaimAhead * MaxConcurrency / 2;
        }
        if (wake) signal.Notify();
    }
}
