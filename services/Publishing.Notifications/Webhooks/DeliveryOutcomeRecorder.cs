using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Publishing.Messaging.Database;
using Publishing.Notifications.Data;
using Publishing.Notifications.Email;

namespace Publishing.Notifications.Webhooks;

/// <summary>
/// Stores the outcomes of webhook attempts in batches: every attempt that finished while the last
/// batch was being written goes into one transaction, so throughput is not one commit per attempt.
/// A row stays claimed (so nobody sends it again) until its outcome is stored here. One instance
/// serves the <see cref="DeliveryWorker"/> for the life of the process.
/// </summary>
public sealed class DeliveryOutcomeRecorder(
    IServiceScopeFactory scopes,
    DeliveryOutcomePolicy policy,
    DeliveryLeases leases,
    EmailSignal emailSignal,
    TimeProvider clock,
    ILogger<DeliveryOutcomeRecorder> log)
{
    private const int BatchSize = 200;

    private readonly Channel<AttemptOutcome> _outcomes =
        Channel.CreateUnbounded<AttemptOutcome>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Hands an attempt's outcome over; the sending slot is free from here on.</summary>
    public void Add(AttemptOutcome outcome)
    {
        if (_outcomes.Writer.TryWrite(outcome)) return;
        leases.Release(outcome.Job);
        log.LogWarning("Delivery {Id} finished while stopping; its attempt is not recorded and it is retried after its lease", outcome.Job.Id);
    }

    /// <summary>No more outcomes come: <see cref="RunAsync"/> stores what it holds and returns.</summary>
    public void Complete() => _outcomes.Writer.TryComplete();

    /// <summary>Stores outcomes as they come until <see cref="Complete"/>; not cancelled, since the attempts happened.</summary>
    public async Task RunAsync()
    {
        var reader = _outcomes.Reader;
        var batch = new List<AttemptOutcome>();
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            while (batch.Count < BatchSize && reader.TryRead(out var o)) batch.Add(o);
            try
            {
                await RecordBatchAsync(batch, setBased: true);
            }
            catch (DbUpdateConcurrencyException)
            {
                // A row changed under us (re-driven, or re-claimed after its lease): record the rest one
                // by one, row by row, which logs the attempt on such a row and leaves the row alone.
                foreach (var one in batch)
                {
                    try { await RecordBatchAsync([one], setBased: false); }
                    catch (Exception ex) { log.LogError(ex, "Recording the attempt of delivery {Id} failed; it is retried after its lease", one.Job.Id); }
                }
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Recording {Count} webhook attempts failed; they are retried after their lease", batch.Count);
            }
            // Stored, or left to run out their lease: either way no longer renewed.
            foreach (var o in batch) leases.Release(o.Job);
        }
    }

    /// <param name="setBased">Whether a batch of nothing but deliveries may take the set-based way, which fails as a whole when a row changed.</param>
    private async Task RecordBatchAsync(IReadOnlyList<AttemptOutcome> batch, bool setBased)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var now = clock.GetUtcNow();
        // Recorded even while shutting down: the attempts happened.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var ct = timeout.Token;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (setBased && batch.All(o => o.Result.Delivered))
        {
            await RecordDeliveredAsync(db, batch, now, ct);
            await transaction.CommitAsync(ct);
            return;
        }

        var ids = batch.Select(o => o.Job.Id).ToList();
        var tokens = batch.Select(o => o.Job.Token).Distinct().ToList();
        await db.DeliveryAttempts.Where(a => ids.Contains(a.DeliveryId) && a.Token != null && tokens.Contains(a.Token)).ExecuteDeleteAsync(ct);
        var deliveries = await db.Deliveries.Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        var subscriptionIds = deliveries.Values.Select(d => d.SubscriptionId).Distinct().ToList();
        var subscriptions = await db.Subscriptions.Where(s => subscriptionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);

        var disabled = false;
        foreach (var outcome in batch.OrderBy(o => o.AttemptAt))
        {
            var (job, attemptAt, result) = outcome;
            if (!deliveries.TryGetValue(job.Id, out var delivery))
            {
                log.LogWarning("Delivery {Id} was deleted during its attempt; the attempt is not recorded", job.Id);
                continue;
            }
            if (delivery.LockToken != job.Token)
            {
                // The attempt happened and is logged; the delivery itself is another claim's now.
                log.LogWarning("Delivery {Id} was re-driven or re-claimed during its attempt; only the attempt is recorded", job.Id);
                db.DeliveryAttempts.Add(Logged(outcome));
                continue;
            }
            disabled |= await policy.ApplyAsync(db, delivery, subscriptions[delivery.SubscriptionId], attemptAt, result, now, ct);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (disabled) emailSignal.Notify();
    }

    /// <summary>
    /// The common case, every attempt of the batch delivered, in a few set-based statements instead of
    /// loading and tracking each row (which cost more CPU than sending the webhooks).
    /// </summary>
    private static async Task RecordDeliveredAsync(
        NotificationsDbContext db, IReadOnlyList<AttemptOutcome> batch, DateTimeOffset now, CancellationToken ct)
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

        // Each attempt's row, written open before its request went out, is replaced by the finished one.
        foreach (var claim in batch.GroupBy(o => o.Job.Token))
        {
            var ids = claim.Select(o => o.Job.Id).ToList();
            await db.DeliveryAttempts.Where(a => ids.Contains(a.DeliveryId) && a.Token == claim.Key).ExecuteDeleteAsync(ct);
        }
        await db.InsertManyAsync(batch.Select(Logged).ToList(), ct);

        var subscriptions = batch.Select(o => o.Job.SubscriptionId).Distinct().ToList();
        await db.Subscriptions.Where(s => subscriptions.Contains(s.Id))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.FailingSince, (DateTimeOffset?)null).SetProperty(s => s.LastSuccessAt, now), ct);
        // On providers without the row-by-row insert the attempts are staged; write them.
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The delivery log's row of a finished attempt.</summary>
    public static DeliveryAttempt Logged(AttemptOutcome o) => new()
    {
        DeliveryId = o.Job.Id, At = o.AttemptAt, Status = o.Result.Status, DurationMs = o.Result.DurationMs, Error = o.Result.Error,
    };
}
