using System.Collections.Concurrent;
using System.Diagnostics;
using Publishing.Faults.Traffic;

namespace Publishing.Faults.Scenarios;

/// <summary>One row of the table.</summary>
public sealed record ScenarioResult(
    string Name, string Fault, int Publications, int Lost, int DuplicateEffects, int DuplicateDeliveries, int StrayEffects,
    double? ConvergeSeconds, double FaultSeconds, double TookSeconds, string Notes, string? Error)
{
    public bool Passed => Error is null && Lost == 0 && DuplicateEffects == 0 && StrayEffects == 0;
}

/// <summary>
/// Runs one scenario: a few publications accepted just before the fault, the fault, more publications started
/// while it lasts, its end, then the wait until every effect of every accepted publication is seen.
/// </summary>
public static class ScenarioRunner
{
    public static async Task<ScenarioResult> RunAsync(Run run, Scenario scenario)
    {
        var took = Stopwatch.StartNew();
        var watch = run.NewWatch();
        var sizes = run.Sizes;
        var failures = new ConcurrentQueue<string>();
        var updated = new ConcurrentQueue<string>();
        var created = new ConcurrentQueue<string>();
        var number = 0;

        // Every other publication is a new revision of an item an earlier scenario settled, when there is one.
        Task Publish()
        {
            var n = Interlocked.Increment(ref number);
            string? target = null;
            lock (run.Settled) if (n % 2 == 0 && run.Settled.Count > 0) target = run.Settled.Dequeue();
            return Task.Run(async () =>
            {
                try
                {
                    var publication = target is null
                        ? await run.Publisher.PublishNewAsync($"{scenario.Name}-{n}")
                        : await run.Publisher.PublishUpdateAsync(target, $"fault-{scenario.Name}");
                    watch.Expect(publication);
                    (target is null ? created : updated).Enqueue(publication.Slug);
                }
                catch (StepFailed ex) { failures.Enqueue(ex.Message); }
            });
        }

        await Task.WhenAll(Enumerable.Range(0, sizes.Before).Select(_ => Publish()));

        using var polling = new CancellationTokenSource();
        var poller = PollAsync(watch, polling.Token);
        var traffic = new List<Task>();
        var lasts = scenario.Lasts(sizes);
        string? error = null;
        var faultWatch = Stopwatch.StartNew();
        try
        {
            await scenario.Inject(run);
            faultWatch.Restart();
            for (var i = 0; i < sizes.During; i++)
            {
                traffic.Add(Publish());
                var next = lasts * (i + 1) / sizes.During;
                if (next > faultWatch.Elapsed) await Task.Delay(next - faultWatch.Elapsed);
            }
            if (lasts > faultWatch.Elapsed) await Task.Delay(lasts - faultWatch.Elapsed);
        }
        catch (Exception ex) { error = $"injecting the fault: {ex.Message}"; }
        finally
        {
            try { await scenario.End(run); }
            catch (Exception ex) { error ??= $"ending the fault: {ex.Message}"; }
        }
        var faultSeconds = faultWatch.Elapsed.TotalSeconds;
        var faultEnded = DateTimeOffset.UtcNow;

        await Task.WhenAll(traffic);
        polling.Cancel();
        await poller;
        var outcome = await watch.ConvergeAsync(faultEnded, sizes.ConvergeWithin, sizes.Settle);

        // What converged may be updated by a later scenario; an item left with a missing effect is not reused.
        if (outcome.Lost == 0)
            lock (run.Settled)
                foreach (var slug in created.Concat(updated)) run.Settled.Enqueue(slug);
        if (!failures.IsEmpty) error ??= $"{failures.Count} publication(s) not accepted: {failures.First()}";
        if (run.Verbose)
            foreach (var line in watch.Timeline(faultEnded)) Console.WriteLine($"    {line} (seconds from the fault's end)");
        if (sizes.Full || scenario.ParksMessages || outcome.Lost > 0) await NoteParkedAsync(run);
        var notes = string.Join("; ", run.Notes.Append(outcome.Notes).Where(n => n.Length > 0));
        return new ScenarioResult(scenario.Name, scenario.Fault, outcome.Publications, outcome.Lost, outcome.DuplicateEffects,
            outcome.DuplicateDeliveries, outcome.StrayEffects, outcome.Converge?.TotalSeconds, faultSeconds, took.Elapsed.TotalSeconds,
            notes, error);
    }

    /// <summary>What the scenario added to the node's <c>_error</c> and <c>_skipped</c> queues, where a message that failed for good waits.</summary>
    private static async Task NoteParkedAsync(Run run)
    {
        var depths = (await run.Services.Broker.QueueDepthsAsync())
            .Where(q => q.Key.EndsWith("_error", StringComparison.Ordinal) || q.Key.EndsWith("_skipped", StringComparison.Ordinal))
            .ToDictionary(q => q.Key, q => q.Value);
        var added = depths.Select(q => (q.Key, Added: q.Value - run.ParkedBefore.GetValueOrDefault(q.Key))).Where(q => q.Added != 0).ToList();
        run.ParkedBefore = depths;
        if (added.Count > 0) run.Notes.Add("parked: " + string.Join(", ", added.Select(q => $"{q.Key} {q.Added:+0;-0}")));
    }

    /// <summary>Times effects as they happen while the fault lasts (a failed look just waits for the next).</summary>
    private static async Task PollAsync(Checks.EffectWatch watch, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try { await watch.PollAsync(); }
            catch (Exception ex) when (ex is not OperationCanceledException) { /* a service is down: look again */ }
            try { await Task.Delay(500, stop); } catch (OperationCanceledException) { return; }
        }
    }
}
