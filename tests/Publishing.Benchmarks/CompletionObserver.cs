using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;

namespace Publishing.Benchmarks;

/// <summary>
/// Reports to a <see cref="CompletionTracker"/> each time a receive endpoint of one host finished
/// consuming a <typeparamref name="TMessage"/>. PostConsume runs after the consumer returned, so after
/// its inbox transaction committed. Registered into a host with <c>AddConsumeObserver</c> so it sees
/// the very first message, or connected to a running bus.
/// </summary>
public sealed class CompletionObserver<TMessage>(string service, CompletionTracker tracker) : IConsumeObserver
    where TMessage : class
{
    public string Service { get; } = service;

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (typeof(T) == typeof(TMessage)) tracker.Started(Stopwatch.GetTimestamp());
        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        var now = Stopwatch.GetTimestamp();
        if (typeof(T) == typeof(TMessage) && context.MessageId is { } id)
            tracker.Completed(id, $"{Service}:{context.ReceiveContext.InputAddress.AbsolutePath}", now);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        if (typeof(T) == typeof(TMessage)) tracker.Fault($"{Service}: {exception.GetType().Name}: {exception.Message}");
        return Task.CompletedTask;
    }
}

/// <summary>Marks when Authoring's outbox relay had the broker's confirm for a tracked event.</summary>
public sealed class PublishedObserver(CompletionTracker tracker) : IPublishObserver
{
    public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

    public Task PostPublish<T>(PublishContext<T> context) where T : class
    {
        if (context.MessageId is { } id) tracker.Reached(id, "outbox publish confirmed", Stopwatch.GetTimestamp());
        return Task.CompletedTask;
    }

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}

/// <summary>
/// Counts a message as done when every expected receive endpoint (for the pipeline: each service's
/// queue that consumes the event) has finished it, and records the time from its start (the commit,
/// or the publish) to then.
/// </summary>
public sealed class CompletionTracker
{
    private readonly ConcurrentDictionary<string, int> _endpoints = new();
    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();
    private readonly List<double> _latencies = [];
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _stages = new();
    private long _expectedMask;
    private int _target;
    private int _done;
    private long _firstStart;
    private long _lastDone;
    private TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<string> Faults { get; } = new();

    /// <summary>Endpoints seen so far (for discovery during warm-up).</summary>
    public IReadOnlyCollection<string> Endpoints => _endpoints.Keys.ToArray();

    public int Done => Volatile.Read(ref _done);

    /// <summary>Starts a new measurement of <paramref name="target"/> messages over the endpoints seen so far.</summary>
    public void Reset(int target)
    {
        _entries.Clear();
        lock (_latencies) _latencies.Clear();
        _stages.Clear();
        _expectedMask = 0;
        foreach (var index in _endpoints.Values) _expectedMask |= 1L << index;
        _target = target;
        _done = 0;
        _firstStart = 0;
        _lastDone = 0;
        _all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (target == 0) _all.TrySetResult();
    }

    /// <summary>Announces a message before it can be consumed; its start time is set by <see cref="SetStart"/>.</summary>
    public void Expect(Guid id, long start = 0) => _entries[id] = new Entry { Start = start };

    public void SetStart(Guid id, long start)
    {
        if (_entries.TryGetValue(id, out var entry)) Volatile.Write(ref entry.Start, start);
    }

    /// <summary>The first time any consumer started on a tracked message type (the start of a drain).</summary>
    public void Started(long now) => Interlocked.CompareExchange(ref _firstStart, now, 0);

    public long FirstStart => Interlocked.Read(ref _firstStart);
    public long LastDone => Interlocked.Read(ref _lastDone);

    public void Fault(string message)
    {
        if (Faults.Count < 20) Faults.Enqueue(message);
    }

    public void Completed(Guid id, string endpoint, long now)
    {
        var bit = 1L << EndpointIndex(endpoint);
        if (!_entries.TryGetValue(id, out var entry)) return;
        Stage(endpoint, entry, now);
        var mask = Interlocked.Or(ref entry.Mask, bit) | bit;
        if (_expectedMask == 0 || (mask & _expectedMask) != _expectedMask) return;
        if (Interlocked.Exchange(ref entry.Finished, 1) == 1) return;
        var start = Volatile.Read(ref entry.Start);
        lock (_latencies) _latencies.Add(start == 0 ? 0 : Clock.Ms(start, now));
        Interlocked.Exchange(ref _lastDone, now);
        if (Interlocked.Increment(ref _done) == _target) _all.TrySetResult();
    }

    /// <summary>An intermediate step of a tracked message (e.g. the outbox's publish confirmed), for the breakdown.</summary>
    public void Reached(Guid id, string stage, long now)
    {
        if (_entries.TryGetValue(id, out var entry)) Stage(stage, entry, now);
    }

    private void Stage(string stage, Entry entry, long now)
    {
        var start = Volatile.Read(ref entry.Start);
        if (start != 0) _stages.GetOrAdd(stage, _ => []).Add(Clock.Ms(start, now));
    }

    /// <summary>Per stage (each endpoint, the publish): p50/p95 ms from the start, for the notes.</summary>
    public string Breakdown() => string.Join("; ", _stages.OrderBy(s => s.Key).Select(s =>
    {
        var stats = Stats.Of(s.Value.ToArray())!;
        return $"{s.Key.Split('/')[^1]} p50 {stats.P50:0} / p95 {stats.P95:0} ms";
    }));

    private int EndpointIndex(string endpoint)
    {
        if (_endpoints.TryGetValue(endpoint, out var index)) return index;
        lock (_endpoints) return _endpoints.GetOrAdd(endpoint, _endpoints.Count);
    }

    /// <summary>For discovery: true when the message reached at least the given endpoints.</summary>
    public bool Reached(Guid id, int endpoints) =>
        _entries.TryGetValue(id, out var e) && long.PopCount(Interlocked.Read(ref e.Mask)) >= endpoints;

    public double[] Latencies()
    {
        lock (_latencies) return [.. _latencies];
    }

    /// <summary>Waits for every message of the measurement, failing when none finished for <paramref name="stall"/>.</summary>
    public async Task WaitAllAsync(TimeSpan stall, string what)
    {
        var last = -1;
        var lastChange = Stopwatch.GetTimestamp();
        while (!_all.Task.IsCompleted)
        {
            await Task.WhenAny(_all.Task, Task.Delay(500));
            var done = Done;
            if (done != last) { last = done; lastChange = Stopwatch.GetTimestamp(); continue; }
            if (Stopwatch.GetElapsedTime(lastChange) > stall)
                throw new BenchmarkFailure(
                    $"{what}: {done:N0} of {_target:N0} messages done, none more for {stall.TotalSeconds:0} s. " +
                    $"Endpoints: {string.Join(", ", Endpoints)}. Faults: {string.Join(" | ", Faults.Take(3))}");
        }
    }

    private sealed class Entry
    {
        public long Start;
        public long Mask;
        public int Finished;
    }
}
