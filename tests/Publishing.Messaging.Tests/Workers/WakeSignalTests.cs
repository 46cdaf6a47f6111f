using Publishing.Messaging.Workers;
using Xunit;

namespace Publishing.Messaging.Tests.Workers;

/// <summary>The wake-up every background worker sleeps on; time is a fake clock's.</summary>
public sealed class WakeSignalTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_notify_wakes_a_waiting_loop_and_wake_ups_given_while_busy_coalesce_into_one()
    {
        var clock = new WatchedClock();
        var signal = new WakeSignal();

        var waiting = signal.WaitAsync(TimeSpan.FromMinutes(1), clock, CancellationToken.None);
        await clock.NextTimerAsync();
        signal.Notify();
        Assert.True(await waiting.WaitAsync(Guard));

        // Three wake-ups while nobody waits: the next wait returns at once, the one after sleeps.
        signal.Notify();
        signal.Notify();
        signal.Notify();
        Assert.True(await signal.WaitAsync(TimeSpan.FromMinutes(1), clock, CancellationToken.None).WaitAsync(Guard));
        var next = signal.WaitAsync(TimeSpan.FromMinutes(1), clock, CancellationToken.None);
        Assert.Equal(TimeSpan.FromMinutes(1), await clock.NextTimerAsync());
        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.False(await next.WaitAsync(Guard));
    }

    [Fact]
    public async Task The_timeout_runs_on_the_given_clock_however_long_it_is()
    {
        var clock = new WatchedClock();
        var signal = new WakeSignal();

        // Longer than one timer can wait (about 49.7 days): taken in steps, each on the clock.
        var waiting = signal.WaitAsync(TimeSpan.FromDays(100), clock, CancellationToken.None);
        Assert.Equal(TimeSpan.FromDays(45), await clock.NextTimerAsync());
        clock.Advance(TimeSpan.FromDays(45));
        Assert.Equal(TimeSpan.FromDays(45), await clock.NextTimerAsync());
        clock.Advance(TimeSpan.FromDays(45));
        Assert.Equal(TimeSpan.FromDays(10), await clock.NextTimerAsync());
        clock.Advance(TimeSpan.FromDays(10) - TimeSpan.FromMilliseconds(1));
        Assert.False(waiting.IsCompleted);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(await waiting.WaitAsync(Guard));
    }

    [Fact]
    public async Task A_cancelled_wait_throws_and_leaves_a_later_wake_up_for_the_next_wait()
    {
        var clock = new WatchedClock();
        var signal = new WakeSignal();
        using var stop = new CancellationTokenSource();

        var waiting = signal.WaitAsync(TimeSpan.FromMinutes(1), clock, stop.Token);
        await clock.NextTimerAsync();
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Guard));

        signal.Notify();
        Assert.True(await signal.WaitAsync(TimeSpan.FromMinutes(1), clock, CancellationToken.None).WaitAsync(Guard));
    }
}
