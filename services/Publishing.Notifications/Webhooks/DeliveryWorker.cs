using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Publishing.Messaging;
using Publishing.Messaging.Database;
using Publishing.Notifications.Data;
using Publishing.Notifications.Email;

namespace Publishing.Notifications.Webhooks;

/// <summary>A claimed delivery with what sending it needs (the secret as stored: encrypted).</summary>
internal sealed record DeliveryJob(
    long Id, string Token, string Endpoint, string WebhookId, string Payload, Guid SubscriptionId, string Url, string Secret,
    string SubscriptionState);

/// <summary>
/// Sends due deliveries: claims them under a lease (so two instances never send the same attempt),
/// runs up to <see cref="WebhookOptions.MaxConcurrency"/> attempts at once, at most
/// <see cref="WebhookOptions.MaxConcurrencyPerEndpoint"/> to one endpoint, each through that
/// endpoint's circuit breaker, and records every attempt. Woken by new deliveries, otherwise it
/// looks for due retries every <see cref="WebhookOptions.PollInterval"/> of the injected clock.
/// </summary>
/// <remarks>
/// Each claim takes up to two attempts' worth of rows per endpoint, so a finished attempt starts the
/// next one from memory: a claim is a database write, and claiming per attempt made the database,
/// not the sites, the limit (one claim per finished attempt capped a fast site near 700/s).
/// </remarks>
public sealed class DeliveryWorker(
    IServiceScopeFactory scopes,
    DatabaseReady<NotificationsDbContext> ready,
    DeliverySignal signal,
    EmailSignal emailSignal,
    WebhookSender sender,
    WebhookSecrets secrets,
    EndpointBreakers breakers,
    StaffDirectory staff,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<DeliveryWorker> log) : BackgroundService
{
    private static readonly TimeSpan LongestRetryAfter = TimeSpan.FromHours(24);

    private const int RecordBatchSize = 200;

    /// <summary>Claimed rows per endpoint, and overall, as a multiple of the attempts allowed in flight.</summary>
    private const int ClaimAhead = 8;

    private readonly WebhookOptions _options = options.Value;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, EndpointWork> _endpoints = [];
    private readonly HashSet<Task> _running = [];
    private int _held;
    private long _claimOrder;
    private CancellationToken _stopping;
    private readonly Channel<Outcome> _outcomes = Channel.CreateUnbounded<Outcome>(new UnboundedChannelOptions { SingleReader = true });

    private sealed record Outcome(DeliveryJob Job, DateTimeOffset AttemptAt, AttemptResult Result);

    /// <summary>One endpoint's claimed rows: those being sent and those waiting for a slot.</summary>
    private sealed class EndpointWork
    {
        /// <summary>In claim order, numbered across all endpoints.</summary>
        public readonly Queue<(long Order, DeliveryJob Job)> Waiting = new();
        public int Sending;
        public int Held => Waiting.Count + Sending;
    }

    private int MaxConcurrency => Math.Max(1, _options.MaxConcurrency);
    private int PerEndpoint => Math.Max(1, _options.MaxConcurrencyPerEndpoint);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ready.WaitAsync(stoppingToken);
        _stopping = stoppingToken;
        var recorder = Task.Run(RecordOutcomesAsync, CancellationToken.None);

        while (!stoppingToken.IsCancellationRequested)
        {
            var more = false;
            try
            {
                int room;
                Dictionary<string, int> held;
                lock (_gate)
                {
                    room = ClaimAhead * MaxConcurrency - _held;
                    held = _endpoints.ToDictionary(e => e.Key, e => e.Value.Held);
                }
                if (room > 0)
                {
                    var claimed = await ClaimAsync(room, held, stoppingToken);
                    // A full claim means more may be due right now.
                    more = claimed == room;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Claiming webhook deliveries failed; trying again after the poll interval");
            }

            if (more) continue;
            try { await signal.WaitAsync(_options.PollInterval, clock, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }

        Task[] left;
        List<DeliveryJob> waiting;
        lock (_gate)
        {
            left = [.. _running];
            waiting = _endpoints.Values.SelectMany(e => e.Waiting).Select(w => w.Job).ToList();
            foreach (var e in _endpoints.Values) e.Waiting.Clear();
        }
        await HandBackAsync(waiting);
        await Task.WhenAll(left);
        _outcomes.Writer.TryComplete();
        await recorder;
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
        // Rows start in claim order, so a claimed row waits behind at most ClaimAhead - 1 waves of
        // attempts; the lease outlasts that and its own attempt, so only a dead worker's rows are
        // ever claimed again.
        var until = now + ClaimAhead * _options.AttemptTimeout + TimeSpan.FromMinutes(1);
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

        int holding;
        lock (_gate)
        {
            foreach (var job in jobs)
            {
                if (!_endpoints.TryGetValue(job.Endpoint, out var work)) _endpoints[job.Endpoint] = work = new EndpointWork();
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
    /// Starts waiting attempts while there are free slots, overall and per endpoint, oldest claim
    /// first across endpoints, so no endpoint's rows wait behind later claims. Call under the gate.
    /// </summary>
    private void StartWhatFits()
    {
        while (_running.Count < MaxConcurrency)
        {
            EndpointWork? next = null;
            var oldest = long.MaxValue;
            foreach (var work in _endpoints.Values)
            {
                if (work.Sending < PerEndpoint && work.Waiting.TryPeek(out var head) && head.Order < oldest)
                {
                    next = work;
                    oldest = head.Order;
                }
            }
            if (next is null) return;

            var (_, job) = next.Waiting.Dequeue();
            next.Sending++;
            var task = Task.Run(() => ProcessAsync(job, _stopping), CancellationToken.None);
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
            work.Sending--;
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

    /// <summary>Returns claimed rows that were never started (shutting down) to the queue at once.</summary>
    private async Task HandBackAsync(List<DeliveryJob> jobs)
    {
        if (jobs.Count == 0) return;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var due = clock.GetUtcNow().ToUnixTimeMilliseconds();
            foreach (var byToken in jobs.GroupBy(j => j.Token))
            {
                var ids = byToken.Select(j => j.Id).ToList();
                await db.Deliveries.Where(d => ids.Contains(d.Id) && d.LockToken == byToken.Key)
                    .ExecuteUpdateAsync(u => u.SetProperty(d => d.LockToken, (string?)null).SetProperty(d => d.NextAttemptAt, due), timeout.Token);
            }
        }
        catch (Exception ex)
        {
            log.LogDebug(ex, "Could not hand back {Count} unsent deliveries on shutdown; their lease will run out", jobs.Count);
        }
    }

    /// <summary>Runs one claimed delivery; its slots are freed when it returns.</summary>
    private async Task ProcessAsync(DeliveryJob job, CancellationToken ct)
    {
        try
        {
            if (job.SubscriptionState != SubscriptionStates.Active)
            {
                await ReleaseAsync(job, null, "The subscription is disabled.", DeliveryStates.Disabled);
                return;
            }

            var attemptAt = clock.GetUtcNow();
            if (!secrets.TryReveal(job.Secret, out var secret))
            {
                // Not the endpoint's fault, so not through its breaker; logged and retried like a failure.
                Record(job, attemptAt, new AttemptResult(null, 0, AttemptReasons.SecretUnreadable, null));
                return;
            }
            AttemptResult result;
            try
            {
                result = await breakers.For(job.Endpoint).ExecuteAsync(
                    async token => await sender.SendAsync(job.Url, secret, job.WebhookId, job.Payload, attemptAt, token), ct);
            }
            catch (BrokenCircuitException ex)
            {
                // Not an attempt: the site failed repeatedly just now, so it is not called.
                var wait = (ex.RetryAfter ?? _options.BreakerBreakDuration) + Jitter(TimeSpan.FromSeconds(5));
                await ReleaseAsync(job, clock.GetUtcNow() + wait,
                    $"Not sent: the circuit for {job.Endpoint} is open after repeated failures.", DeliveryStates.Pending);
                return;
            }

            Record(job, attemptAt, result);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down mid-attempt: hand the row back now rather than when the lease ends.
            try { await ReleaseAsync(job, clock.GetUtcNow(), null, DeliveryStates.Pending); }
            catch (Exception ex) { log.LogDebug(ex, "Could not release delivery {Id} on shutdown", job.Id); }
        }
        catch (Exception ex)
        {
            // The lease runs out and the row is claimed again.
            log.LogError(ex, "Delivery {Id} ({WebhookId}) failed unexpectedly", job.Id, job.WebhookId);
        }
    }

    /// <summary>
    /// Hands an attempt's outcome to the recorder. The sending slot is free from here on: the row stays
    /// claimed (so nobody sends it again) until the recorder stores the outcome and releases it.
    /// </summary>
    private void Record(DeliveryJob job, DateTimeOffset attemptAt, AttemptResult result)
    {
        if (!_outcomes.Writer.TryWrite(new Outcome(job, attemptAt, result)))
            log.LogWarning("Delivery {Id} finished while stopping; its attempt is not recorded and it is retried after its lease", job.Id);
    }

    /// <summary>
    /// Stores outcomes in batches: every attempt that finished while the last batch was being written
    /// goes into one transaction, so throughput is not one commit per attempt.
    /// </summary>
    private async Task RecordOutcomesAsync()
    {
        var reader = _outcomes.Reader;
        var batch = new List<Outcome>();
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            while (batch.Count < RecordBatchSize && reader.TryRead(out var o)) batch.Add(o);
            try
            {
                await RecordBatchAsync(batch);
            }
            catch (DbUpdateConcurrencyException)
            {
                // A row changed under us (re-driven, or re-claimed after its lease): record the rest one by one.
                foreach (var one in batch)
                {
                    try { await RecordBatchAsync([one]); }
                    catch (DbUpdateConcurrencyException)
                    {
                        log.LogWarning("Delivery {Id} changed during its attempt (re-driven or re-claimed); the attempt is not recorded", one.Job.Id);
                    }
                    catch (Exception ex) { log.LogError(ex, "Recording the attempt of delivery {Id} failed; it is retried after its lease", one.Job.Id); }
                }
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Recording {Count} webhook attempts failed; they are retried after their lease", batch.Count);
            }
        }
    }

    private async Task RecordBatchAsync(IReadOnlyList<Outcome> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var now = clock.GetUtcNow();
        // Recorded even while shutting down: the attempts happened.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var ct = timeout.Token;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (batch.All(o => o.Result.Delivered))
        {
            await RecordDeliveredAsync(db, batch, now, ct);
            await transaction.CommitAsync(ct);
            return;
        }

        var ids = batch.Select(o => o.Job.Id).ToList();
        var deliveries = await db.Deliveries.Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        var subscriptionIds = deliveries.Values.Select(d => d.SubscriptionId).Distinct().ToList();
        var subscriptions = await db.Subscriptions.Where(s => subscriptionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);

        var disabled = false;
        foreach (var (job, attemptAt, result) in batch.OrderBy(o => o.AttemptAt).Select(o => (o.Job, o.AttemptAt, o.Result)))
        {
            if (!deliveries.TryGetValue(job.Id, out var delivery) || delivery.LockToken != job.Token)
            {
                log.LogWarning("Delivery {Id} was deleted or re-claimed during its attempt; the attempt is not recorded", job.Id);
                continue;
            }
            disabled |= await ApplyAsync(db, delivery, subscriptions[delivery.SubscriptionId], attemptAt, result, now, ct);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (disabled) emailSignal.Notify();
    }

    /// <summary>
    /// The common case, every attempt of the batch delivered, in a few set-based statements instead of
    /// loading and tracking each row (which cost more CPU than sending the webhooks).
    /// </summary>
    private static async Task RecordDeliveredAsync(NotificationsDbContext db, IReadOnlyList<Outcome> batch, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var claim in batch.GroupBy(o => o.Job.Token))
        {
            var ids = claim.Select(o => o.Job.Id).ToList();
            var updated = await db.Deliveries.Where(d => ids.Contains(d.Id) && d.LockToken == claim.Key)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(d => d.State, DeliveryStates.Delivered)
                    .SetProperty(d => d.DeliveredAt, now)
                    .SetProperty(d => d.Attempts, d => d.Attempts + 1)
                    .SetProperty(d => d.LockToken, (string?)null)
                    .SetProperty(d => d.LastError, (string?)null), ct);
            // A row re-driven or re-claimed meanwhile: the caller records the batch one by one.
            if (updated != ids.Count) throw new DbUpdateConcurrencyException($"{ids.Count - updated} of {ids.Count} deliveries changed during their attempt.");
        }

        await db.InsertManyAsync(batch.Select(o => new DeliveryAttempt
        {
            DeliveryId = o.Job.Id, At = o.AttemptAt, Status = o.Result.Status, DurationMs = o.Result.DurationMs, Error = o.Result.Error,
        }).ToList(), ct);

        var subscriptions = batch.Select(o => o.Job.SubscriptionId).Distinct().ToList();
        await db.Subscriptions.Where(s => subscriptions.Contains(s.Id))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.FailingSince, (DateTimeOffset?)null).SetProperty(s => s.LastSuccessAt, now), ct);
        // On providers without the row-by-row insert the attempts are staged; write them.
        await db.SaveChangesAsync(ct);
    }

    /// <returns>Whether the subscription was disabled by this outcome.</returns>
    private async Task<bool> ApplyAsync(
        NotificationsDbContext db, Delivery delivery, Subscription subscription, DateTimeOffset attemptAt, AttemptResult result,
        DateTimeOffset now, CancellationToken ct)
    {
        delivery.Attempts++;
        delivery.LockToken = null;
        delivery.LastError = result.Error;
        db.DeliveryAttempts.Add(new DeliveryAttempt
        {
            DeliveryId = delivery.Id, At = attemptAt, Status = result.Status, DurationMs = result.DurationMs, Error = result.Error,
        });

        if (result.Delivered)
        {
            delivery.State = DeliveryStates.Delivered;
            delivery.DeliveredAt = now;
            subscription.FailingSince = null;
            subscription.LastSuccessAt = now;
            return false;
        }

        log.LogInformation("Webhook {WebhookId} (delivery {Id}) failed on attempt {Attempt}: {Error}",
            delivery.WebhookId, delivery.Id, delivery.Attempts, result.Error);
        if (subscription.State != SubscriptionStates.Active)
        {
            delivery.State = DeliveryStates.Disabled;
            return false;
        }
        if (result.Gone)
        {
            delivery.State = DeliveryStates.Disabled;
            await DisableAsync(db, subscription, delivery.Id, "The endpoint answered 410 Gone.", now, ct);
            return true;
        }

        subscription.FailingSince ??= attemptAt;
        if (attemptAt - subscription.FailingSince.Value >= _options.DisableAfter)
        {
            delivery.State = DeliveryStates.Disabled;
            await DisableAsync(db, subscription, delivery.Id,
                $"Every attempt has failed since {subscription.FailingSince.Value:u}.", now, ct);
            return true;
        }

        delivery.RetryStep++;
        var wait = RetrySchedule.After(delivery.RetryStep, Random.Shared.NextDouble());
        if (wait is null)
        {
            delivery.State = DeliveryStates.Failed;
            return false;
        }
        // Retry-After is honoured, but never brings a retry forward of the schedule.
        if (result.RetryAfter is { } asked)
            wait = TimeSpan.FromTicks(Math.Max(wait.Value.Ticks, Math.Min(asked.Ticks, LongestRetryAfter.Ticks)));
        delivery.NextAttemptAt = (now + wait.Value).ToUnixTimeMilliseconds();
        return false;
    }

    /// <summary>Disables a subscription, stops its other pending deliveries and tells its owner.</summary>
    private async Task DisableAsync(
        NotificationsDbContext db, Subscription subscription, long currentDelivery, string reason, DateTimeOffset now, CancellationToken ct)
    {
        subscription.State = SubscriptionStates.Disabled;
        subscription.DisabledAt = now;
        subscription.DisabledReason = reason;
        // Rows another task is sending keep their claim; that task records its attempt and, the
        // subscription being disabled, leaves them disabled too.
        await db.Deliveries
            .Where(d => d.SubscriptionId == subscription.Id && d.State == DeliveryStates.Pending && d.Id != currentDelivery && d.LockToken == null)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.State, DeliveryStates.Disabled), ct);

        var recipients = staff.OwnerOf(subscription);
        foreach (var to in recipients)
        {
            EmailQueue.Add(db, to, "subscription-disabled", $"Webhook subscription disabled: {subscription.Name}",
                $"""
                Hello {to.Name},

                The webhook subscription "{subscription.Name}" ({subscription.Id}) was disabled on {now:u}.

                URL: {subscription.Url}
                Reason: {reason}

                No more events are sent to it. Create a new subscription once the endpoint works again;
                the delivery log (GET /api/subscriptions/{subscription.Id}/deliveries) shows every attempt.
                """, now);
        }
        if (recipients.Count == 0)
            log.LogWarning("Subscription {Id} was disabled but nobody on staff can be told (owner {Owner})", subscription.Id, subscription.OwnerId);
        log.LogWarning("Disabled webhook subscription {Id} ({Url}): {Reason}", subscription.Id, subscription.Url, reason);
    }

    /// <summary>Hands a claimed row back without an attempt (or closes it when <paramref name="state"/> says so).</summary>
    private async Task ReleaseAsync(DeliveryJob job, DateTimeOffset? dueAt, string? error, string state)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var due = (dueAt ?? clock.GetUtcNow()).ToUnixTimeMilliseconds();
        await db.Deliveries.Where(d => d.Id == job.Id && d.LockToken == job.Token)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.LockToken, (string?)null)
                .SetProperty(d => d.NextAttemptAt, due)
                .SetProperty(d => d.State, state)
                .SetProperty(d => d.LastError, d => error ?? d.LastError), timeout.Token);
    }

    private static TimeSpan Jitter(TimeSpan max) => TimeSpan.FromMilliseconds(max.TotalMilliseconds * Random.Shared.NextDouble());
}
