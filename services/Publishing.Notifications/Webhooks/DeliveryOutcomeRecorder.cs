using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Publishing.Messaging.Database;
using Publishing.Notifications.Data;
using Publishing.Notifications.Email;

namespace Publishing.Notifications.Webhooks;

/// <summary>
/// Writes the delivery log in batches: the rows of attempts about to start (<see cref="AttemptStarts"/>)
/// and the outcomes of attempts that finished, all that came while the last batch was being written,
/// in one transaction: throughput is not one commit per attempt, nor two (each commit waits for the
/// disk). A row stays claimed (so nobody sends it again) until its outcome is stored here. One
/// instance serves the <see cref="DeliveryWorker"/> for the life of the process.
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

    /// <summary>An attempt about to start, or one that finished.</summary>
    private readonly record struct Entry(AttemptStart? Start, AttemptOutcome? Outcome);

    private readonly Channel<Entry> _entries =
        Channel.CreateUnbounded<Entry>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Hands over the log row of an attempt about to start; its task completes once the row is stored.</summary>
    public Task AddStart(DeliveryJob job, DateTimeOffset at)
    {
        var start = new AttemptStart(job, at, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_entries.Writer.TryWrite(new Entry(start, null))) throw new InvalidOperationException("The delivery log is closed; no attempt starts.");
        return start.Written.Task;
    }

    /// <summary>Hands an attempt's outcome over; the sending slot is free from here on.</summary>
    public void Add(AttemptOutcome outcome)
    {
        if (_entries.Writer.TryWrite(new Entry(null, outcome))) return;
        leases.Release(outcome.Job);
        log.LogWarning("Delivery {Id} finished while stopping; its attempt is not recorded and it is retried after its lease", outcome.Job.Id);
    }

    /// <summary>No more attempts start or finish: <see cref="RunAsync"/> stores what it holds and returns.</summary>
    public void Complete() => _entries.Writer.TryComplete();

    /// <summary>Stores starts and outcomes as they come until <see cref="Complete"/>; not cancelled, since the attempts happened.</summary>
    public async Task RunAsync()
    {
        var reader = _entries.Reader;
        var starts = new List<AttemptStart>();
        var batch = new List<AttemptOutcome>();
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            starts.Clear();
            batch.Clear();
            while (starts.Count + batch.Count < BatchSize && reader.TryRead(out var entry))
            {
                if (entry.Start is { } start) starts.Add(start);
                else batch.Add(entry.Outcome!);
            }
            try
            {
                await RecordBatchAsync(starts, batch, setBased: true);
                Written(starts, null);
            }
            catch (DbUpdateConcurrencyException)
            {
                // A row changed under us (re-driven, or re-claimed after its lease): the starts on their
                // own, then the outcomes one by one, which logs the attempt on such a row and leaves the row alone.
                try
                {
                    await RecordBatchAsync(starts, [], setBased: true);
                    Written(starts, null);
                }
                catch (Exception ex) { Written(starts, ex); }
                foreach (var one in batch)
                {
                    try { await RecordBatchAsync([], [one], setBased: false); }
                    catch (Exception ex) { log.LogError(ex, "Recording the attempt of delivery {Id} failed; it is retried after its lease", one.Job.Id); }
                }
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Writing {Starts} attempt starts and {Count} outcomes to the delivery log failed; those not started are not sent now, and all are retried after their lease",
                    starts.Count, batch.Count);
                Written(starts, ex);
            }
            // Stored, or left to run out their lease: either way no longer renewed.
            foreach (var o in batch) leases.Release(o.Job);
        }
    }

    /// <summary>Lets the attempts whose rows were written go out, and fails those whose rows were not.</summary>
    private static void Written(List<AttemptStart> starts, Exception? failure)
    {
        foreach (var s in starts)
        {
            if (failure is null) s.Written.TrySetResult();
            else s.Written.TrySetException(failure);
        }
    }

    /// <param name="setBased">Whether a batch of nothing but deliveries may take the set-based way, which fails as a whole when a row changed.</param>
    private async Task RecordBatchAsync(IReadOnlyList<AttemptStart> starts, IReadOnlyList<AttemptOutcome> batch, bool setBased)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var now = clock.GetUtcNow();
        // Recorded even while shutting down: the attempts happened.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var ct = timeout.Token;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.InsertManyAsync(starts.Select(AttemptStarts.Row).ToList(), ct);
        if (batch.Count == 0)
        {
            // On providers without the row-by-row insert the rows are staged; write them.
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return;
        }
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
