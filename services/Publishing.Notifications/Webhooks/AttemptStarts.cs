using Microsoft.EntityFrameworkCore;
using Publishing.Notifications.Data;

namespace Publishing.Notifications.Webhooks;

/// <summary>
/// Puts each attempt in the delivery log before its request goes out, started and without an outcome
/// (<see cref="DeliveryAttempt.Token"/> set); the <see cref="DeliveryOutcomeRecorder"/> writes the row,
/// in the same transaction as the outcomes it is storing, and completes it once the outcome is in. So
/// an attempt made by a process that died before storing its outcome is still in the log, as interrupted.
/// </summary>
public sealed class AttemptStarts(DeliveryOutcomeRecorder recorder, IServiceScopeFactory scopes)
{
    /// <summary>Completes once the attempt's row is stored; throws when it could not be, and then the request must not go out.</summary>
    /// <remarks>Not cancelled: once handed over the row may be written, and the caller has to know whether it was.</remarks>
    public Task WriteAsync(DeliveryJob job, DateTimeOffset at) => recorder.AddStart(job, at);

    /// <summary>Takes back the row of an attempt that never went out (its endpoint's circuit was open, or the worker stopped).</summary>
    public async Task WithdrawAsync(DeliveryJob job)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await db.DeliveryAttempts.Where(a => a.DeliveryId == job.Id && a.Token == job.Token).ExecuteDeleteAsync(timeout.Token);
    }

    /// <summary>The log row of an attempt about to start.</summary>
    public static DeliveryAttempt Row(AttemptStart start) => new() { DeliveryId = start.Job.Id, At = start.At, Token = start.Job.Token };
}
