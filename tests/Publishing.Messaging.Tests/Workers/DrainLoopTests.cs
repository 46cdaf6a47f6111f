using System.Collections.Concurrent;
using System.Threading.Channels;
using Publishing.Messaging.Workers;
using Xunit;

namespace Publishing.Messaging.Tests.Workers;

/// <summary>
/// The loop every background worker runs, on a fake clock. Each pass notes the test's stage when it
/// starts, so a pass that ran before the test woke the loop (or moved time far enough) shows up.
/// </summary>
public sealed class DrainLoopTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    /// <summary>Scripted passes: each answers with the next step of the script, then "nothing more".</summary>
    private sealed class Passes(params Func<CancellationToken, Task<bool>>[] script)
    {
        private readonly ConcurrentQueue<Func<CancellationToken, Task<bool>>> _script = new(script);
        private readonly Channel<int> _started = Channel.CreateUnbounded<int>();
        private readonly Channel<int> _finished = Channel.CreateUnbounded<int>();
        private readonly ConcurrentDictionary<int, int> _stageAt = new();
        private int _count;

        public int Count => Volatile.Read(ref _count);
        public volatile int Stage;

        public int StageAt(int pass) => _stageAt[pass];

        public async Task<bool> RunAsync(CancellationToken ct)
        {
            var n = Interlocked.Increment(ref _count);
            _stageAt[n] = Stage;
            _started.Writer.TryWrite(n);
            try
            {
                return _script.TryDequeue(out var step) && await step(ct);
            }
            finally
            {
                _finished.Writer.TryWrite(n);
            }
        }

        public Task StartedAsync(int pass) => UntilAsync(_started, pass);
        public Task FinishedAsync(int pass) => UntilAsync(_finished, pass);

        private static async Task UntilAsync(Channel<int> channel, int pass)
        {
            using var guard = new CancellationTokenSource(Guard);
            while (await channel.Reader.ReadAsync(guard.Token) < pass) { }
        }
    }

    private static Func<CancellationToken, Task<bool>> Answer(bool more) => _ => Task.FromResult(more);

    private static (DrainLoop Loop, WatchedClock Clock, WakeSignal Signal, ConcurrentQueue<Exception> Failures) NewLoop(
        Passes passes, TimeSpan gather = default)
    {
        var clock = new WatchedClock { Tag = () => passes.Count };
        var signal = new WakeSignal();
        var failures = new ConcurrentQueue<Exception>();
        var loop = new DrainLoop(clock) { Signal = signal, Interval = Interval, Gather = gather, OnFailure = failures.Enqueue };
        return (loop, clock, signal, failures);
    }

    [Fact]
    public async Task It_passes_again_at_once_while_a_pass_is_full_then_sleeps_until_woken()
    {
        var passes = new Passes(Answer(true), Answer(true), Answer(false));
        var (loop, clock, signal, _) = NewLoop(passes);
        using var stop = new CancellationTokenSource();
        var running = loop.RunAsync(passes.RunAsync, stop.Token);

        await passes.FinishedAsync(3);
        Assert.Equal(Interval, await clock.NextTimerAsync(tag: 3));
        Assert.Equal(3, passes.Count);

        passes.Stage = 1;
        signal.Notify();
        await passes.FinishedAsync(4);
        Assert.Equal(1, passes.StageAt(4));
        Assert.Equal(new[] { 0, 0, 0 }, new[] { passes.StageAt(1), passes.StageAt(2), passes.StageAt(3) });

        await stop.CancelAsync();
        await running.WaitAsync(Guard);
    }

    [Fact]
    public async Task Unwoken_it_passes_again_when_the_interval_has_passed_on_its_clock()
    {
        var passes = new Passes();
        var (loop, clock, _, failures) = NewLoop(passes);
        using var stop = new CancellationTokenSource();
        var running = loop.RunAsync(passes.RunAsync, stop.Token);

        await passes.FinishedAsync(1);
        await clock.NextTimerAsync(tag: 1);
        passes.Stage = 1;
        clock.Advance(Interval - TimeSpan.FromMilliseconds(1));
        passes.Stage = 2;
        clock.Advance(TimeSpan.FromMilliseconds(1));

        await passes.FinishedAsync(2);
        Assert.Equal(2, passes.StageAt(2));
        Assert.Empty(failures);

        await stop.CancelAsync();
        await running.WaitAsync(Guard);
    }

    [Fact]
    public async Task A_failing_pass_is_reported_and_the_loop_waits_an_interval_then_carries_on()
    {
        var failure = new InvalidOperationException("the database is down");
        var passes = new Passes(Answer(true), _ => throw failure, Answer(false));
        var (loop, clock, _, failures) = NewLoop(passes);
        using var stop = new CancellationTokenSource();
        var running = loop.RunAsync(passes.RunAsync, stop.Token);

        await passes.FinishedAsync(2);
        // Backs off: asleep for a whole interval, though the pass before the failure said more was waiting.
        Assert.Equal(Interval, await clock.NextTimerAsync(tag: 2));
        Assert.Same(failure, Assert.Single(failures));
        passes.Stage = 1;
        clock.Advance(Interval - TimeSpan.FromMilliseconds(1));
        passes.Stage = 2;
        clock.Advance(TimeSpan.FromMilliseconds(1));

        await passes.FinishedAsync(3);
        Assert.Equal(2, passes.StageAt(3));
        Assert.Single(failures);
        Assert.False(running.IsCompleted);

        await stop.CancelAsync();
        await running.WaitAsync(Guard);
    }

    [Fact]
    public async Task Cancelling_stops_it_while_asleep_without_a_failure()
    {
        var passes = new Passes();
        var (loop, clock, _, failures) = NewLoop(passes);
        using var stop = new CancellationTokenSource();
        var running = loop.RunAsync(passes.RunAsync, stop.Token);
        await passes.FinishedAsync(1);
        await clock.NextTimerAsync(tag: 1);

        await stop.CancelAsync();
        await running.WaitAsync(Guard);

        Assert.Equal(1, passes.Count);
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Cancelling_stops_it_in_the_middle_of_a_pass_without_a_failure()
    {
        var passes = new Passes(async ct =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return true;
        });
        var (loop, _, _, failures) = NewLoop(passes);
        using var stop = new CancellationTokenSource();
        var running = loop.RunAsync(passes.RunAsync, stop.Token);
        await passes.StartedAsync(1);

        await stop.CancelAsync();
        await running.WaitAsync(Guard);

        Assert.Equal(1, passes.Count);
        Assert.Empty(failures);
    }

    [Fact]
    public async Task With_a_gathering_wait_a_woken_loop_passes_only_once_that_moment_has_passed_on_its_clock()
    {
        var gather = TimeSpan.FromMilliseconds(50);
        var passes = new Passes();
        var (loop, clock, signal, _) = NewLoop(passes, gather);
        using var stop = new CancellationTokenSource();
        var running = loop.RunAsync(passes.RunAsync, stop.Token);
        await passes.FinishedAsync(1);
        await clock.NextTimerAsync(tag: 1);

        passes.Stage = 1;
        signal.Notify();
        Assert.Equal(gather, await clock.NextTimerAsync(tag: 1));
        passes.Stage = 2;
        clock.Advance(gather);

        await passes.FinishedAsync(2);
        Assert.Equal(2, passes.StageAt(2));

        await stop.CancelAsync();
        await running.WaitAsync(Guard);
    }
}
