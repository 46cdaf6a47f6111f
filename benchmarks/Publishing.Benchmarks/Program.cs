using System.Diagnostics;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Publishing.Authoring;
using Publishing.Authoring.Data;
using Publishing.Authoring.Publishing;
using Publishing.Benchmarks;
using Publishing.Contracts;
using Publishing.Messaging.Outbox;
using Publishing.Notifications;
using Publishing.Review;
using Publishing.SearchIndexing;
using Publishing.Testing;

// Pipeline latency: the time from the commit of one ContentPublished in Authoring's outbox to both of
// its consumers (Search indexing, Notifications) having finished, over a real RabbitMQ broker, with
// the four services as separate hosts in this process. Events go one at a time (an unloaded pipeline).

var events = Math.Max(1, IntOption(args, "--events", 100));
var warmup = IntOption(args, "--warmup", 10);
var perEventTimeout = TimeSpan.FromSeconds(30);

var fixture = new RabbitMqFixture();
Uri? vhost = null;
var data = new TempDirectory();
var hosts = new List<ServiceHost>();
var handles = new List<ConnectHandle>();
try
{
    await fixture.InitializeAsync();
    vhost = await fixture.CreateVirtualHostAsync();

    async Task<ServiceHost> Start(string name, Func<string[], Action<WebApplicationBuilder>?, WebApplication> create)
    {
        var settings = ServiceHost.Settings(vhost, data.Sub(name));
        // Measure with the production sweep interval, so a missed wake-up cannot hide behind a fast sweeper.
        settings.Remove("Messaging:Outbox:SweepInterval");
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Logging:LogLevel:Microsoft"] = "Warning";
        settings["Logging:LogLevel:MassTransit"] = "Warning";
        var host = await ServiceHost.StartAsync(create, settings);
        hosts.Add(host);
        return host;
    }

    var authoring = await Start("authoring", AuthoringHost.Create);
    await Start("review", ReviewHost.Create);
    var search = await Start("search-indexing", SearchIndexingHost.Create);
    var notifications = await Start("notifications", NotificationsHost.Create);
    foreach (var host in hosts) await WaitUntilReadyAsync(host, TimeSpan.FromSeconds(60));

    var searchDone = new CompletionObserver<ContentPublished>("search");
    var notificationsDone = new CompletionObserver<ContentPublished>("notifications");
    handles.Add(search.Services.GetRequiredService<IBusControl>().ConnectConsumeObserver(searchDone));
    handles.Add(notifications.Services.GetRequiredService<IBusControl>().ConnectConsumeObserver(notificationsDone));
    CompletionObserver<ContentPublished>[] observers = [searchDone, notificationsDone];

    var run = Guid.NewGuid().ToString("N")[..8];
    var pipeline = new List<double>();
    var perConsumer = observers.ToDictionary(o => o.Service, _ => new List<double>());

    Console.WriteLine($"Warming up with {warmup} events, then measuring {events}...");
    for (var i = 0; i < warmup + events; i++)
    {
        Guid messageId;
        long t0;
        await using (var scope = authoring.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AuthoringDbContext>();
            var now = DateTimeOffset.UtcNow;
            messageId = db.AddOutboxMessage(Event($"bench-{run}-{i:D4}", now), now).MessageId;
            await db.SaveChangesAsync();
            t0 = Stopwatch.GetTimestamp(); // the commit
        }

        var all = Task.WhenAll(observers.Select(o => o.Completion(messageId)));
        try
        {
            await all.WaitAsync(perEventTimeout);
        }
        catch (TimeoutException)
        {
            var missing = observers.Where(o => !o.Completion(messageId).IsCompleted)
                .Select(o => o.Faults.TryGetValue(messageId, out var error) ? $"{o.Service} (last fault: {error})" : o.Service);
            throw new BenchmarkFailure(
                $"Event {i + 1} (message {messageId}) was not fully consumed within {perEventTimeout.TotalSeconds:0} s; " +
                $"still waiting for: {string.Join(", ", missing)}.");
        }

        if (i < warmup) continue;
        var done = all.Result;
        pipeline.Add(Stopwatch.GetElapsedTime(t0, done.Max()).TotalMilliseconds);
        for (var k = 0; k < observers.Length; k++)
            perConsumer[observers[k].Service].Add(Stopwatch.GetElapsedTime(t0, done[k]).TotalMilliseconds);
    }

    var result = new
    {
        benchmark = "pipeline-latency",
        description = "Commit of one ContentPublished in Authoring's outbox to both consumers (search, notifications) done; sequential events.",
        date = DateTimeOffset.UtcNow,
        machine = new
        {
            processorCount = Environment.ProcessorCount,
            os = RuntimeInformation.OSDescription,
            runtime = RuntimeInformation.FrameworkDescription,
        },
        rabbitMq = $"{fixture.Host}:{fixture.AmqpPort}",
        events,
        warmup,
        unit = "ms",
        pipeline = Stats.Of(pipeline),
        consumers = perConsumer.ToDictionary(p => p.Key, p => Stats.Of(p.Value)),
    };

    Console.WriteLine();
    Console.WriteLine($"Pipeline latency, commit -> consumed ({events} events after {warmup} warm-up, sequential), ms");
    Console.WriteLine($"{"",-15} {"median",8} {"p95",8} {"min",8} {"max",8}");
    Row("pipeline", result.pipeline);
    foreach (var (name, stats) in result.consumers) Row(name, stats);
    Console.WriteLine();
    Console.WriteLine($"Machine:  {result.machine.processorCount} logical CPUs, {result.machine.os}, {result.machine.runtime}");
    Console.WriteLine($"RabbitMQ: {result.rabbitMq}");
    Console.WriteLine($"Date:     {result.date:yyyy-MM-dd HH:mm:ss} UTC");

    var output = Path.Combine(RepositoryRoot(), "benchmarks", "results", "pipeline-latency.json");
    Directory.CreateDirectory(Path.GetDirectoryName(output)!);
    await File.WriteAllTextAsync(output,
        JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }) + "\n");
    Console.WriteLine($"Written:  {output}");
    return 0;
}
catch (BenchmarkFailure failure)
{
    Console.Error.WriteLine($"Benchmark failed: {failure.Message}");
    return 1;
}
finally
{
    foreach (var handle in handles) handle.Dispose();
    foreach (var host in Enumerable.Reverse(hosts)) await host.DisposeAsync();
    if (vhost is not null) await fixture.DeleteVirtualHostAsync(vhost);
    await fixture.DisposeAsync();
    data.Dispose();
}

static void Row(string name, Stats s) =>
    Console.WriteLine($"{name,-15} {s.Median,8:0.00} {s.P95,8:0.00} {s.Min,8:0.00} {s.Max,8:0.00}");

static ContentPublished Event(string slug, DateTimeOffset now)
{
    var fields = JsonDocument.Parse($$"""{"title":"Benchmark {{slug}}","body":"Latency probe.","tags":["benchmark"]}""").RootElement.Clone();
    return new ContentPublished(
        Guid.NewGuid(), slug, 1, now, ContentTypes.Article, $"Benchmark {slug}", fields, ["benchmark"],
        "minor", "Benchmark event", "new", "bench", "Benchmark", [], now, now, null, null,
        CanonicalJson.Sha256(fields));
}

static async Task WaitUntilReadyAsync(ServiceHost host, TimeSpan timeout)
{
    var deadline = DateTime.UtcNow + timeout;
    var last = "no answer";
    while (DateTime.UtcNow < deadline)
    {
        try
        {
            using var response = await host.Http.GetAsync("/health/ready");
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            last = body.GetProperty("status").GetString() ?? "none";
            if (response.IsSuccessStatusCode && last == "Healthy") return;
        }
        catch (HttpRequestException ex) { last = ex.Message; }
        await Task.Delay(100);
    }
    throw new BenchmarkFailure($"{host.Address} did not report /health/ready Healthy within {timeout.TotalSeconds:0} s (last: {last}).");
}

static int IntOption(string[] args, string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    if (i < 0) return fallback;
    if (i + 1 < args.Length && int.TryParse(args[i + 1], out var value) && value >= 0) return value;
    throw new ArgumentException($"{name} needs a non-negative whole number.");
}

static string RepositoryRoot()
{
    foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Publishing.sln"))) return dir.FullName;
    throw new BenchmarkFailure("Cannot find the repository root (the folder holding Publishing.sln) to write results to.");
}

namespace Publishing.Benchmarks
{
    /// <summary>A reason to stop the run with a non-zero exit code and a one-line message.</summary>
    public sealed class BenchmarkFailure(string message) : Exception(message);

    public sealed record Stats(double Median, double P95, double Min, double Max)
    {
        /// <summary>Percentiles by linear interpolation between closest ranks (as Excel's PERCENTILE.INC).</summary>
        public static Stats Of(IReadOnlyCollection<double> samples)
        {
            var sorted = samples.Order().ToArray();
            return new Stats(
                Math.Round(Percentile(sorted, 0.50), 2), Math.Round(Percentile(sorted, 0.95), 2),
                Math.Round(sorted[0], 2), Math.Round(sorted[^1], 2));
        }

        private static double Percentile(double[] sorted, double p)
        {
            var rank = p * (sorted.Length - 1);
            var lower = (int)Math.Floor(rank);
            var upper = Math.Min(lower + 1, sorted.Length - 1);
            return sorted[lower] + (sorted[upper] - sorted[lower]) * (rank - lower);
        }
    }
}
