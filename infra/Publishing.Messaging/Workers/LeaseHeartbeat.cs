namespace Publishing.Messaging.Workers;

/// <summary>
/// Keeps a claim on database rows alive while its work runs, so a live holder never loses it while a
/// dead holder's claim runs out within one lease: it renews every <see cref="RenewEvery"/> on the
/// clock, and cancels <see cref="Lost"/> once the lease would run out before a renewal got through
/// (the database stalled or unreachable). <see cref="Lost"/> fires <see cref="Margin"/> before the
/// lease ends, so the holder has stopped before another instance may take the rows over.
/// </summary>
public sealed class LeaseHeartbeat : IAsyncDisposable
{
    private readonly TimeSpan _lease;
    private readonly TimeProvider _clock;
    private readonly Func<DateTimeOffset, CancellationToken, Task> _renewAsync;
    private readonly Action<Exception> _onFailure;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly ITimer _deadline;
    private readonly Task _running;

    /// <param name="lease">How long the claim lasts without a renewal.</param>
    /// <param name="claimedAt">When the claim was made (its lease runs from then), on <paramref name="clock"/>.</param>
    /// <param name="renewAsync">Extends the claim to the time given; throws when it could not.</param>
    /// <param name="onFailure">Told of a renewal that failed; the heartbeat tries again at the next beat.</param>
    public LeaseHeartbeat(
        TimeSpan lease, DateTimeOffset claimedAt, TimeProvider clock,
        Func<DateTimeOffset, CancellationToken, Task> renewAsync, Action<Exception> onFailure)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        _lease = lease;
        _clock = clock;
        _renewAsync = renewAsync;
        _onFailure = onFailure;
        // Cancelled off the timer thread, so nothing a holder registered on Lost can throw into it.
        _deadline = clock.CreateTimer(_ => _ = _lost.CancelAsync(), null, DueIn(claimedAt + lease), Timeout.InfiniteTimeSpan);
        _running = Task.Run(BeatAsync);
    }

    /// <summary>Cancelled once the claim may have run out: stop the work, the rows may be another's.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>A third of the lease: two renewals in a row can fail before the claim is lost.</summary>
    public static TimeSpan RenewEvery(TimeSpan lease) => lease / 3;

    /// <summary>How long before the end of the lease <see cref="Lost"/> fires, for clocks that disagree a little.</summary>
    public static TimeSpan Margin(TimeSpan lease) => lease / 5;

    private TimeSpan DueIn(DateTimeOffset leaseEnd)
    {
        var due = leaseEnd - Margin(_lease) - _clock.GetUtcNow();
        return due > TimeSpan.Zero ? due : TimeSpan.Zero;
    }

    private async Task BeatAsync()
    {
        using var stopOrLost = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, _lost.Token);
        var ct = stopOrLost.Token;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(RenewEvery(_lease), _clock, ct);
                var at = _clock.GetUtcNow();
                await _renewAsync(at + _lease, ct);
                lock (_gate)
                {
                    if (!_stop.IsCancellationRequested) _deadline.Change(DueIn(at + _lease), Timeout.InfiniteTimeSpan);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _onFailure(ex);
            }
        }
    }

    /// <summary>Stops renewing; the claim stays until its holder releases it or its lease runs out.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate) _stop.Cancel();
        await _running;
        await _deadline.DisposeAsync();
    }
}
