using System.Diagnostics;

namespace Publishing.Benchmarks;

/// <summary>A reason to stop the run with a non-zero exit code and a one-line message.</summary>
public sealed class BenchmarkFailure(string message) : Exception(message);

/// <summary>Latency percentiles in milliseconds.</summary>
public sealed record Stats(int Count, double P50, double P95, double P99, double Max)
{
    public static Stats? Of(IReadOnlyCollection<double> samples)
    {
        if (samples.Count == 0) return null;
        var sorted = samples.Order().ToArray();
        return new Stats(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99), sorted[^1]);
    }

    /// <summary>Linear interpolation between closest ranks (as Excel's PERCENTILE.INC).</summary>
    private static double Percentile(double[] sorted, double p)
    {
        var rank = p * (sorted.Length - 1);
        var lower = (int)Math.Floor(rank);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (rank - lower);
    }
}

/// <summary>One row of the result table.</summary>
public sealed record Row(string Scenario, string Size, double? Rate, string RateUnit, Stats? Latency, Memory Memory, string? Note = null)
{
    /// <summary>Process CPU time (all threads) per item of the rate, over the phase.</summary>
    public double? CpuMsPerItem => Items > 0 && Memory.Cpu > TimeSpan.Zero ? Memory.Cpu.TotalMilliseconds / Items : null;

    /// <summary>How many items (messages, events, rows, queries, deliveries) the phase handled.</summary>
    public int Items { get; init; }

    public double? RatioToB0 { get; set; }
}

public sealed record Memory(long PeakWorkingSet, long PeakGcHeap, TimeSpan Cpu = default);

/// <summary>
/// Samples the process working set and the GC heap every 50 ms while a phase runs and keeps the
/// highest of each. Every service runs in this one process, so this is the sum of them all.
/// </summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peakWorkingSet;
    private long _peakGcHeap;
    private readonly TimeSpan _cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;

    private MemorySampler()
    {
        Sample();
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
            try { while (await timer.WaitForNextTickAsync(_stop.Token)) Sample(); }
            catch (OperationCanceledException) { }
        });
    }

    public static MemorySampler Start() => new();

    private void Sample()
    {
        var ws = Environment.WorkingSet;
        var heap = GC.GetTotalMemory(false);
        if (ws > _peakWorkingSet) _peakWorkingSet = ws;
        if (heap > _peakGcHeap) _peakGcHeap = heap;
    }

    public Memory Stop()
    {
        _stop.Cancel();
        _loop.Wait();
        Sample();
        return new Memory(_peakWorkingSet, _peakGcHeap, Process.GetCurrentProcess().TotalProcessorTime - _cpuAtStart);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop;
    }
}

public static class Clock
{
    public static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    /// <summary>
    /// Sleeps until a Stopwatch timestamp, for paced load. It never spins: a spinning load generator
    /// takes CPU from the pipeline it measures. Waking a millisecond late does not skew latency,
    /// which is timed from the commit.
    /// </summary>
    public static async Task UntilAsync(long timestamp, CancellationToken ct = default)
    {
        var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        if (left > TimeSpan.Zero) await Task.Delay(left, ct);
    }
}
