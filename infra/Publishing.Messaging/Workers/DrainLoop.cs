namespace Publishing.Messaging.Workers;

/// <summary>
/// The loop every background worker runs once its database is ready: pass over the work again and
/// again while a pass says more is waiting, then sleep until <see cref="Signal"/> wakes it or
/// <see cref="Interval"/> passes on the clock. A pass that throws is handed to <see cref="OnFailure"/>
/// (to log) and the loop sleeps as after any pass, so a failing database is retried, not hammered.
/// It returns when the token is cancelled.
/// </summary>
public sealed class DrainLoop(TimeProvider clock)
{
    /// <summary>The longest sleep without a wake-up: how late work nobody signals (a due retry, a row left behind) is found.</summary>
    public required TimeSpan Interval { get; init; }

    /// <summary>Wakes the loop as soon as there is new work; when none is given only the interval does.</summary>
    public WakeSignal Signal { get; init; } = new();

    /// <summary>How long to wait after every sleep before the next pass, so work arriving in that moment is drained together.</summary>
    public TimeSpan Gather { get; init; } = TimeSpan.Zero;

    /// <summary>Told of a pass that failed; the loop goes on.</summary>
    public required Action<Exception> OnFailure { get; init; }

    /// <param name="passAsync">One pass over the work; true when it was full, so more may be waiting now.</param>
    public async Task RunAsync(Func<CancellationToken, Task<bool>> passAsync, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                while (await passAsync(ct) && !ct.IsCancellationRequested) { }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                OnFailure(ex);
            }

            try
            {
                await Signal.WaitAsync(Interval, clock, ct);
                if (Gather > TimeSpan.Zero) await Task.Delay(Gather, clock, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
