using System.Diagnostics;
using System.Text;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Publishing.Authoring;
using Publishing.Authoring.Data;
using Publishing.Authoring.ReviewOutcomes;
using Publishing.Contracts;
using Publishing.ServiceDefaults.Integrity;
using Publishing.Messaging.Outbox;
using Publishing.Notifications;
using Publishing.Review;
using Publishing.SearchIndexing;
using Publishing.Testing;

namespace Publishing.Benchmarks;

/// <summary>
/// The four services as separate hosts in this process over one virtual host of the real broker, each
/// with its own SQLite database. Events are staged the way Authoring's use cases stage them: an
/// <see cref="AuthoringDbContext"/> scope, <c>AddOutboxMessage</c>, <c>SaveChanges</c>; the commit
/// wakes Authoring's dispatcher, which publishes to Review, Search indexing and Notifications, each
/// consuming through its inbox with its real effect. An event counts when all of their endpoints
/// that consume <see cref="ContentPublished"/> finished it.
/// </summary>
public sealed class Pipeline : IAsyncDisposable
{
    private static readonly string Body = string.Join(' ', Enumerable.Repeat(
        "Imatinib blocks the signals that tell sarcoma cells to grow; take it once a day with food.", 9));

    private readonly Uri _vhost;
    private readonly string _data;
    private readonly string _run = Guid.NewGuid().ToString("N")[..6];
    private readonly Dictionary<string, ServiceHost> _consumers = [];
    private int _sequence;

    private Pipeline(Uri vhost, string data, ServiceHost authoring, CompletionTracker tracker)
    {
        Tracker = tracker;
        _vhost = vhost;
        _data = data;
        Authoring = authoring;
    }

    public ServiceHost Authoring { get; }
    public CompletionTracker Tracker { get; }
    public ServiceHost? Notifications => _consumers.GetValueOrDefault("notifications");

    public static async Task<Pipeline> StartAsync(Uri vhost, string data, Action<Dictionary<string, string?>>? tune = null)
    {
        var settings = BenchHosts.Settings(vhost, Path.Combine(data, "authoring"));
        tune?.Invoke(settings);
        var tracker = new CompletionTracker();
        var authoring = await BenchHosts.StartAsync("authoring", AuthoringHost.Create, settings,
            services => services.AddPublishObserver(_ => new PublishedObserver(tracker)));
        var pipeline = new Pipeline(vhost, data, authoring, tracker);
        pipeline._tune = tune;
        await pipeline.StartConsumersAsync();
        await Discovery.RunAsync(pipeline.Tracker, expectedEndpoints: 3, _ => pipeline.StageAsync(), "Pipeline warm-up");
        return pipeline;
    }

    private Action<Dictionary<string, string?>>? _tune;

    public async Task StartConsumersAsync()
    {
        foreach (var (name, create) in new (string, Func<string[], Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>?, Microsoft.AspNetCore.Builder.WebApplication>)[]
                 {
                     ("review", ReviewHost.Create), ("search-indexing", SearchIndexingHost.Create), ("notifications", NotificationsHost.Create),
                 })
        {
            var settings = BenchHosts.Settings(_vhost, Path.Combine(_data, name));
            settings["Notifications:Webhooks:AllowPrivateNetworks"] = "true";
            _tune?.Invoke(settings);
            var observer = new CompletionObserver<ContentPublished>(name, Tracker);
            _consumers[name] = await BenchHosts.StartAsync(name, create, settings, services => services.AddConsumeObserver(_ => observer));
        }
    }

    public async Task StopConsumersAsync()
    {
        foreach (var host in _consumers.Values) await host.DisposeAsync();
        _consumers.Clear();
    }

    /// <summary>Commits one event through Authoring's outbox; returns when the commit returned.</summary>
    public async Task<(string Slug, long Committed)> StageAsync()
    {
        await using var scope = Authoring.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthoringDbContext>();
        var now = DateTimeOffset.UtcNow;
        var slug = NextSlug();
        var id = db.AddOutboxMessage(Event(slug, now), now).MessageId;
        Tracker.Expect(id);
        await db.SaveChangesAsync();
        var committed = Stopwatch.GetTimestamp();
        Tracker.SetStart(id, committed);
        return (slug, committed);
    }

    /// <summary>Commits many events per SaveChanges (for building a backlog quickly; not measured).</summary>
    public async Task StageBatchAsync(int count)
    {
        await using var scope = Authoring.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthoringDbContext>();
        var now = DateTimeOffset.UtcNow;
        var ids = new List<Guid>(count);
        for (var i = 0; i < count; i++) ids.Add(db.AddOutboxMessage(Event(NextSlug(), now), now).MessageId);
        foreach (var id in ids) Tracker.Expect(id);
        await db.SaveChangesAsync();
        var committed = Stopwatch.GetTimestamp();
        foreach (var id in ids) Tracker.SetStart(id, committed);
    }

    public async Task<int> UnsentAsync()
    {
        await using var scope = Authoring.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthoringDbContext>();
        return await db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null);
    }

    private string NextSlug() => $"bench-{_run}-{Interlocked.Increment(ref _sequence):D6}";

    public static ContentPublished Event(string slug, DateTimeOffset now)
    {
        var fields = JsonDocument.Parse(JsonSerializer.Serialize(new
        {
            title = $"Benchmark {slug}", summary = "A generated entry for the pipeline benchmark.", body = Body, tags = new[] { "benchmark" },
        })).RootElement.Clone();
        return new ContentPublished(
            Guid.NewGuid(), slug, 1, now, ContentTypes.Article, $"Benchmark {slug}", fields, ["benchmark"],
            "editorial", "Benchmark event", "new", "bench", "Benchmark",
            [new Approval("bench-reviewer", "Bench reviewer", null, null, false, now)], now, now, null, null,
            CanonicalJson.Sha256(fields));
    }

    // ---- scenarios ----

    /// <summary>B2: as many events as <paramref name="producers"/> concurrent writers can commit, one event per commit.</summary>
    public async Task<Row> ThroughputAsync(int events, int producers)
    {
        Tracker.Reset(events);
        var memory = MemorySampler.Start();
        var next = 0;
        var start = Stopwatch.GetTimestamp();
        long lastCommit = 0;
        await Task.WhenAll(Enumerable.Range(0, producers).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= events) await StageAsync();
            Interlocked.Exchange(ref lastCommit, Stopwatch.GetTimestamp());
        }));
        var staging = Stopwatch.GetElapsedTime(start, lastCommit).TotalSeconds;
        await Tracker.WaitAllAsync(TimeSpan.FromSeconds(60), "B2");
        var mem = memory.Stop();
        var seconds = Stopwatch.GetElapsedTime(start, Tracker.LastDone).TotalSeconds;
        return new Row("B2 pipeline: outbox -> 3 services (inbox + effect)", $"{events:N0} events", events / seconds, "events/s",
            Stats.Of(Tracker.Latencies()), mem,
            $"{producers} writers, one event per commit; commits alone ran at {events / staging:N0}/s; from the commit: {Tracker.Breakdown()}") { Items = events };
    }

    /// <summary>B4: one event every 1/<paramref name="rate"/> s for <paramref name="seconds"/> s, commit to all done.</summary>
    public async Task<Row> SteadyLatencyAsync(int rate, int seconds)
    {
        // Two seconds at the same rate first, not measured, so a run of B4 alone (--only B4) does
        // not time the JIT's first passes over the pipeline's code.
        await PaceAsync(rate, rate * 2);
        await Tracker.WaitAllAsync(TimeSpan.FromSeconds(60), "B4 warm-up");

        var events = rate * seconds;
        var memory = MemorySampler.Start();
        var start = Stopwatch.GetTimestamp();
        var late = await PaceAsync(rate, events);
        await Tracker.WaitAllAsync(TimeSpan.FromSeconds(60), "B4");
        var mem = memory.Stop();
        var elapsed = Stopwatch.GetElapsedTime(start, Tracker.LastDone).TotalSeconds;
        return new Row($"B4 latency at a steady {rate}/s", $"{events:N0} events", events / elapsed, "events/s",
            Stats.Of(Tracker.Latencies()), mem, $"commit -> all three done; {late} sends more than one interval late; from the commit: {Tracker.Breakdown()}") { Items = events };
    }

    /// <summary>Commits <paramref name="events"/> events at <paramref name="rate"/>/s (open loop: a slow commit does not delay the next).</summary>
    /// <returns>How many sends started more than one interval late.</returns>
    private async Task<int> PaceAsync(int rate, int events)
    {
        Tracker.Reset(events);
        var start = Stopwatch.GetTimestamp();
        var interval = Stopwatch.Frequency / (double)rate;
        var late = 0;
        var staged = new List<Task>(events);
        for (var i = 0; i < events; i++)
        {
            var due = start + (long)(i * interval);
            await Clock.UntilAsync(due);
            if (Clock.Ms(due, Stopwatch.GetTimestamp()) > 1000.0 / rate) late++;
            staged.Add(StageAsync());
        }
        await Task.WhenAll(staged);
        return late;
    }

    /// <summary>B5: consumers stopped, a backlog staged and relayed to their queues, consumers started, the drain timed.</summary>
    public async Task<Row> BacklogAsync(int events, double steadyRate)
    {
        await StopConsumersAsync();
        Tracker.Reset(events);
        for (var staged = 0; staged < events; staged += 500) await StageBatchAsync(Math.Min(500, events - staged));
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 600;
        while (await UnsentAsync() > 0)
        {
            if (Stopwatch.GetTimestamp() > deadline) throw new BenchmarkFailure("B5: the outbox did not relay the backlog within 10 minutes.");
            await Task.Delay(200);
        }

        var memory = MemorySampler.Start();
        var restart = Stopwatch.GetTimestamp();
        await StartConsumersAsync();
        await Tracker.WaitAllAsync(TimeSpan.FromSeconds(60), "B5");
        var mem = memory.Stop();
        // From the first consume (hosts are up by then) to the last event done by all three.
        var seconds = Stopwatch.GetElapsedTime(Tracker.FirstStart, Tracker.LastDone).TotalSeconds;
        var rate = events / seconds;
        return new Row("B5 backlog drained (consumers were stopped)", $"{events:N0} events", rate, "events/s", null, mem,
            $"{rate / steadyRate:0.00}x the steady B2 rate; hosts started in {Stopwatch.GetElapsedTime(restart, Tracker.FirstStart).TotalSeconds:0.0} s") { Items = events };
    }

    public async ValueTask DisposeAsync()
    {
        await StopConsumersAsync();
        await Authoring.DisposeAsync();
    }
}
