using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Publishing.Messaging.Tests.Workers;

/// <summary>
/// A fake clock that tells when something starts waiting on it, so a test moves time only once the
/// code under test is asleep (time moved before the wait starts would not count towards it).
/// </summary>
public sealed class WatchedClock() : FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
{
    private readonly Channel<(TimeSpan DueIn, int Tag)> _timers = Channel.CreateUnbounded<(TimeSpan, int)>();

    /// <summary>Read when a timer starts, to tell which timer is which (say, how many passes had run).</summary>
    public Func<int> Tag { get; set; } = () => 0;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite((dueTime, Tag()));
        return timer;
    }

    /// <summary>Waits (in real time, bounded) for the next timer started with <paramref name="tag"/>; earlier ones are skipped.</summary>
    public async Task<TimeSpan> NextTimerAsync(int tag = 0)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var (dueIn, seen) = await _timers.Reader.ReadAsync(guard.Token);
            if (seen == tag) return dueIn;
        }
    }
}
