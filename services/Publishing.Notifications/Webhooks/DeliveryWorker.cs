using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Publishing.Messaging;
using Publishing.Notifications.Data;
using Publishing.Notifications.Email;

namespace Publishing.Notifications.Webhooks;

/// <summary>A claimed delivery with what sending it needs.</summary>
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
public sealed class DeliveryWorker(
    IServiceScopeFactory scopes,
    DatabaseReady<NotificationsDbContext> ready,
    DeliverySignal signal,
    EmailSignal emailSignal,
    WebhookSender sender,
    EndpointBreakers breakers,
    StaffDirectory staff,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<DeliveryWorker> log) : BackgroundService
{
    private static readonly TimeSpan LongestRetryAfter = TimeSpan.FromHours(24);

    private const int RecordBatchSize = 200;

    private readonly WebhookOptions _options = options.Value;
    private readonly Dictionary<string, int> _inFlight = [];
    private readonly Channel<Outcome> _outcomes = Channel.CreateUnbounded<Outcome>(new UnboundedChannelOptions { SingleReader = true });

    private sealed record Outcome(DeliveryJob Job, DateTimeOffset AttemptAt, AttemptResult Result);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ready.WaitAsync(stoppingToken);
        var max = Math.Max(1, _options.MaxConcurrency);
        using var slots = new SemaphoreSlim(max, max);
        var running = new HashSet<Task>();
        var recorder = Task.Run(RecordOutcomesAsync, CancellationToken.None);

        while (!stoppingToken.IsCancellationRequested)
        {
            var more = false;
            try
            {
                // Wait for at least one free slot, then claim as many rows as there are free slots.
                await slots.WaitAsync(stoppingToken);
                slots.Release();
                var free = slots.CurrentCount;
                var (jobs, claimed) = await ClaimAsync(free, stoppingToken);
                foreach (var job in jobs)
                {
                    await slots.WaitAsync(stoppingToken);
                    var task = Task.Run(() => ProcessAsync(job, stoppingToken), CancellationToken.None);
                    lock (running) running.Add(task);
                    _ = task.ContinueWith(t =>
                    {
                        slots.Release();
                        lock (running) running.Remove(t);
                    }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }
                if (claimed > 0) log.LogDebug("Claimed {Claimed} deliveries with {Free} slots free; started {Started}", claimed, free, jobs.Count);
                // A full claim, or one that handed rows back, means more may be due right now.
                more = claimed > 0 && (claimed == free || jobs.Count < claimed);
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
        lock (running) left = [.. running];
        await Task.WhenAll(left);
        _outcomes.Writer.TryComplete();
        await recorder;
    }

    /// <summary>
    /// Claims up to <paramref name="max"/> due rows, no more per endpoint than its share of attempts in
    /// flight leaves room for, and reserves an endpoint slot for each (a row that finds none, which the
    /// claim should prevent, is handed straight back: not an attempt).
    /// </summary>
    private async Task<(List<DeliveryJob> Jobs, int Claimed)> ClaimAsync(int max, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var token = Guid.NewGuid().ToString("N");
        var now = clock.GetUtcNow();
        // The lease outlasts any attempt, so only a dead worker's rows are ever claimed again.
        var until = now + _options.AttemptTimeout + TimeSpan.FromMinutes(1);
        var claimed = await JobClaims.ClaimDeliveriesAsync(
            db, token, now.ToUnixTimeMilliseconds(), until.ToUnixTimeMilliseconds(), max, PerEndpoint, JsonSerializer.Serialize(InFlight()), ct);
        if (claimed == 0) return ([], 0);

        var rows = await db.Deliveries.AsNoTracking()
            .Where(d => d.LockToken == token)
            .OrderBy(d => d.Id)
            .Join(db.Subscriptions, d => d.SubscriptionId, s => s.Id,
                (d, s) => new DeliveryJob(d.Id, token, d.Endpoint, d.WebhookId, d.Payload, s.Id, s.Url, s.Secret, s.State))
            .ToListAsync(ct);

        var jobs = new List<DeliveryJob>(rows.Count);
        var back = new List<long>();
        foreach (var job in rows)
        {
            if (TryEnter(job.Endpoint)) jobs.Add(job);
            else back.Add(job.Id);
        }
        if (back.Count > 0)
        {
            var due = now.ToUnixTimeMilliseconds();
            try
            {
                await db.Deliveries.Where(d => back.Contains(d.Id) && d.LockToken == token)
                    .ExecuteUpdateAsync(u => u.SetProperty(d => d.LockToken, (string?)null).SetProperty(d => d.NextAttemptAt, due), ct);
            }
            catch
            {
                foreach (var job in jobs) Exit(job.Endpoint);
                throw;
            }
        }
        return (jobs, claimed);
    }

    /// <summary>Runs one claimed delivery; its endpoint slot was reserved at claim time and is freed here.</summary>
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
            AttemptResult result;
            try
            {
                result = await breakers.For(job.Endpoint).ExecuteAsync(
                    async token => await sender.SendAsync(job.Url, job.Secret, job.WebhookId, job.Payload, attemptAt, token), ct);
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
        finally
        {
            Exit(job.Endpoint);
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

    private int PerEndpoint => Math.Max(1, _options.MaxConcurrencyPerEndpoint);

    private Dictionary<string, int> InFlight()
    {
        lock (_inFlight) return new Dictionary<string, int>(_inFlight);
    }

    private bool TryEnter(string endpoint)
    {
        lock (_inFlight)
        {
            var n = _inFlight.GetValueOrDefault(endpoint);
            if (n >= PerEndpoint) return false;
            _inFlight[endpoint] = n + 1;
            return true;
        }
    }

    private void Exit(string endpoint)
    {
        lock (_inFlight)
        {
            var n = _inFlight.GetValueOrDefault(endpoint);
            if (n <= 1) _inFlight.Remove(endpoint);
            else _inFlight[endpoint] = n - 1;
        }
        // Rows of this endpoint may have been left for lack of room; wake the loop to claim them
        // (wake-ups coalesce, so a burst of completions costs one claim).
        signal.Notify();
    }

    private static TimeSpan Jitter(TimeSpan max) => TimeSpan.FromMilliseconds(max.TotalMilliseconds * Random.Shared.NextDouble());
}
