namespace Publishing.Messaging.Workers;

/// <summary>
/// Wakes a background loop the moment there is new work, instead of at its next poll. Wake-ups
/// coalesce: any number of <see cref="Notify"/> calls while the loop is busy wake it once. Timed
/// waits run on the <see cref="TimeProvider"/> given, so a test's fake clock drives them.
/// </summary>
public class WakeSignal
{
    // Task.Delay refuses anything longer (about 49.7 days); longer waits are taken in steps.
    private static readonly TimeSpan LongestDelay = TimeSpan.FromDays(45);

    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Notify()
    {
        try { _wake.Release(); }
        catch (SemaphoreFullException) { /* already awake: one pending wake-up is enough */ }
    }

    /// <summary>Waits for a wake-up or until <paramref name="timeout"/> has passed on <paramref name="clock"/>, however long.</summary>
    /// <returns>true when woken, false when the timeout passed.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled first.</exception>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken ct)
    {
        if (timeout != Timeout.InfiniteTimeSpan) ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        ct.ThrowIfCancellationRequested();
        if (_wake.Wait(0)) return true;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var woken = _wake.WaitAsync(stop.Token);
        await Task.WhenAny(woken, DelayAsync(timeout, clock, stop.Token));
        await stop.CancelAsync();
        try
        {
            // Woken, or a wake-up that came as the time ran out: either way it is taken, not lost.
            await woken;
            return true;
        }
        catch (OperationCanceledException)
        {
            ct.ThrowIfCancellationRequested();
            return false;
        }
    }

    private static async Task DelayAsync(TimeSpan timeout, TimeProvider clock, CancellationToken ct)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            await Task.Delay(Timeout.Infinite, ct);
            return;
        }
        var start = clock.GetUtcNow();
        var until = timeout >= DateTimeOffset.MaxValue - start ? DateTimeOffset.MaxValue : start + timeout;
        for (var left = timeout; left > TimeSpan.Zero; left = until - clock.GetUtcNow())
            await Task.Delay(left < LongestDelay ? left : LongestDelay, clock, ct);
    }
}
