using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Publishing.Messaging.Database;
using Publishing.Notifications.Data;

namespace Publishing.Notifications.Webhooks;

/// <summary>
/// Writes each attempt's row to the delivery log before its request goes out, started and without an
/// outcome (<see cref="DeliveryAttempt.Token"/> set); the <see cref="DeliveryOutcomeRecorder"/>
/// completes it. So an attempt made by a process that died before storing its outcome is still in
/// the log, as interrupted. The attempts starting while the last rows were written go into one
/// transaction, so starting an attempt is not one commit each. One instance serves the
/// <see cref="DeliveryWorker"/> for the life of the process.
/// </summary>
public sealed class AttemptStarts(IServiceScopeFactory scopes, ILogger<AttemptStarts> log)
{
    private const int BatchSize = 200;

    private sealed record Start(DeliveryJob Job, DateTimeOffset At, TaskCompletionSource Written);

    private readonly Channel<Start> _starts = Channel.CreateUnbounded<Start>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Completes once the attempt's row is stored; throws when it could not be, and then the request must not go out.</summary>
    /// <remarks>Not cancelled: once handed over the row may be written, and the caller has to know whether it was.</remarks>
    public Task WriteAsync(DeliveryJob job, DateTimeOffset at)
    {
        var start = new Start(job, at, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_starts.Writer.TryWrite(start)) throw new InvalidOperationException("The worker has stopped; no attempt starts.");
        return start.Written.Task;
    }

    /// <summary>Takes back the row of an attempt that never went out (its endpoint's circuit was open).</summary>
    public async Task WithdrawAsync(DeliveryJob job)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await db.DeliveryAttempts.Where(a => a.DeliveryId == job.Id && a.Token == job.Token).ExecuteDeleteAsync(timeout.Token);
    }

    /// <summary>No more attempts start: <see cref="RunAsync"/> writes what it holds and returns.</summary>
    public void Complete() => _starts.Writer.TryComplete();

    /// <summary>Writes starts as they come until <see cref="Complete"/>.</summary>
    public async Task RunAsync()
    {
        var reader = _starts.Reader;
        var batch = new List<Start>();
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            while (batch.Count < BatchSize && reader.TryRead(out var s)) batch.Add(s);
            try
            {
                await WriteBatchAsync(batch);
                foreach (var s in batch) s.Written.TrySetResult();
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Logging the start of {Count} webhook attempts failed; they are not sent now and are retried after their lease", batch.Count);
                foreach (var s in batch) s.Written.TrySetException(ex);
            }
        }
    }

    private async Task WriteBatchAsync(List<Start> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var transaction = await db.Database.BeginTransactionAsync(timeout.Token);
        await db.InsertManyAsync(batch.Select(s => new DeliveryAttempt { DeliveryId = s.Job.Id, At = s.At, Token = s.Job.Token }).ToList(), timeout.Token);
        // On providers without the row-by-row insert the rows are staged; write them.
        await db.SaveChangesAsync(timeout.Token);
        await transaction.CommitAsync(timeout.Token);
    }
}
