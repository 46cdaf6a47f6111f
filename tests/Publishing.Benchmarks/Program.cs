using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Publishing.Benchmarks;
using Publishing.Testing;

// Benchmarks: the pipeline measured against the raw broker in the same run.
//   dotnet run -c Release --project tests/Publishing.Benchmarks             quick sizes
//   dotnet run -c Release --project tests/Publishing.Benchmarks -- --full   the sizes docs/performance.md reports
// Options: --only B0,B3,...  run some scenarios (B2, B4, B5 and webhooks share the pipeline hosts);
//          --producers N     concurrent writers in B2 (default 4);
//          --rate N          B4's steady rate in events/s (default 100, the target's).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var full = args.Contains("--full");
var only = Option("--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
    .Select(s => s.ToUpperInvariant()).ToHashSet();
bool Runs(string scenario) => only is null || only.Contains(scenario);
var producers = int.Parse(Option("--producers") ?? "4");
var b4Rate = int.Parse(Option("--rate") ?? "100");

var size = new
{
    B0 = full ? 100_000 : 20_000,
    B1 = full ? 20_000 : 5_000,
    B2 = full ? 20_000 : 2_000,
    B3 = full ? 10_000 : 1_000,
    B4Seconds = full ? 60 : 10,
    B5 = full ? 100_000 : 5_000,
    Docs = full ? 100_000 : 10_000,
    Queries = 1_000,
    WebhookEvents = full ? 100 : 20,
};

Console.WriteLine($"Publishing benchmarks ({(full ? "full" : "quick; --full for the issue's sizes")}), {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
Console.WriteLine($"Machine: {Environment.ProcessorCount} logical CPUs, {Cpu()}, {TotalMemoryGb():0} GB RAM, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, server GC");

var fixture = new RabbitMqFixture();
var vhosts = new List<Uri>();
var data = Directory.CreateTempSubdirectory("publishing-bench-").FullName;
var rows = new List<Row>();
var total = Stopwatch.StartNew();
Pipeline? pipeline = null;
try
{
    await fixture.InitializeAsync();
    Console.WriteLine($"RabbitMQ: {fixture.Host}:{fixture.AmqpPort} ({await BrokerVersionAsync()}), a fresh virtual host per scenario; data under {data}");
    Console.WriteLine();

    async Task<Uri> VirtualHost()
    {
        var vhost = await fixture.CreateVirtualHostAsync();
        vhosts.Add(vhost);
        return vhost;
    }

    async Task Step(string label, Func<Task> step)
    {
        Console.Write($"{label}... ");
        var watch = Stopwatch.StartNew();
        await step();
        var last = rows.Count > 0 ? rows[^1] : null;
        Console.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s" + (last?.Rate is { } r ? $" ({r:N0} {last.RateUnit})" : ""));
    }

    if (Runs("B0")) await Step("B0 raw broker", async () => rows.Add(await B0RawBroker.RunAsync(await VirtualHost(), size.B0)));
    if (Runs("B1")) await Step("B1 MassTransit", async () => rows.Add(await B1MassTransit.RunAsync(await VirtualHost(), size.B1)));
    if (Runs("B3")) await Step("B3 outbox drain", async () => rows.AddRange(await B3OutboxDrain.RunAsync(await VirtualHost(), data, size.B3, 100)));
    if (Runs("B6")) await Step("B6 search", async () => rows.Add(await B6Search.RunAsync(data, size.Docs, size.Queries)));

    if (Runs("B2") || Runs("B4") || Runs("B5") || Runs("B6"))
    {
        await Step("Pipeline hosts", async () => pipeline = await Pipeline.StartAsync(await VirtualHost(), data));
        Row? steady = null;
        if (Runs("B2") || Runs("B5"))
            await Step("B2 pipeline throughput", async () => rows.Add(steady = await pipeline!.ThroughputAsync(size.B2, producers)));
        if (Runs("B4")) await Step("B4 steady latency", async () => rows.Add(await pipeline!.SteadyLatencyAsync(b4Rate, size.B4Seconds)));
        if (Runs("B5")) await Step("B5 backlog", async () => rows.Add(await pipeline!.BacklogAsync(size.B5, steady!.Rate!.Value)));
        if (Runs("B6")) await Step("B6 webhooks", async () => rows.Add(await B6Webhooks.RunAsync(pipeline!, size.WebhookEvents)));
    }
}
catch (BenchmarkFailure failure)
{
    Console.WriteLine();
    Console.Error.WriteLine($"Benchmark failed: {failure.Message}");
    return 1;
}
finally
{
    if (pipeline is not null) await pipeline.DisposeAsync();
    foreach (var vhost in vhosts) await fixture.DeleteVirtualHostAsync(vhost);
    await fixture.DisposeAsync();
    try { Directory.Delete(data, recursive: true); } catch (IOException) { }
}

// ---- the table ----
var b0 = rows.FirstOrDefault(r => r.Scenario.StartsWith("B0"))?.Rate;
foreach (var row in rows) row.RatioToB0 = b0 is { } baseRate && row.Rate is { } rate ? rate / baseRate : null;

Console.WriteLine();
Console.WriteLine("| scenario | size | rate/s | p50 ms | p95 ms | p99 ms | x B0 | CPU ms/item | peak WS MB | peak GC heap MB |");
Console.WriteLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|");
foreach (var r in rows)
{
    Console.WriteLine($"| {r.Scenario} | {r.Size} | {(r.Rate is { } rate ? $"{rate:N0} {r.RateUnit}" : "-")} | {Ms(r.Latency?.P50)} | {Ms(r.Latency?.P95)} | {Ms(r.Latency?.P99)} | " +
                      $"{(r.RatioToB0 is { } x ? $"{x:0.000}" : "-")} | {Ms(r.CpuMsPerItem)} | {Mb(r.Memory.PeakWorkingSet)} | {Mb(r.Memory.PeakGcHeap)} |");
}
Console.WriteLine();
foreach (var r in rows.Where(r => r.Note is not null)) Console.WriteLine($"- {r.Scenario}: {r.Note}");
Console.WriteLine("- CPU ms/item: process CPU time (all threads, every host in this process) during the phase divided by the items handled; " +
                  "on this machine's cores, 1000 x cores / CPU ms is the most the phase could reach if CPU were the only limit.");
Console.WriteLine($"- Memory: every service runs in this one process, so there is no per-service figure: \"peak WS\" is the process working set and " +
                  $"\"peak GC heap\" the managed heap, both sampled every 50 ms during the phase (4 service hosts + broker clients + the benchmark itself). " +
                  $"Process peak working set over the run: {Mb(Process.GetCurrentProcess().PeakWorkingSet64)} MB.");

// ---- the targets ----
Console.WriteLine();
Console.WriteLine("Targets:");
Row? Find(string prefix) => rows.FirstOrDefault(r => r.Scenario.StartsWith(prefix, StringComparison.Ordinal));
var b2 = Find("B2");
var b4 = Find("B4");
var b5 = Find("B5");
var b3Batched = rows.FirstOrDefault(r => r.Scenario.StartsWith("B3") && !r.Scenario.EndsWith("BatchSize 1"));
var b3Single = rows.FirstOrDefault(r => r.Scenario.EndsWith("BatchSize 1"));
var search = Find("B6 search");
var hooks = Find("B6 webhook");
Target("B2 >= 0.5x B0 events/s", b2?.Rate is { } r2 && b0 is { } r0 ? (r2 / r0 >= 0.5, $"{r2:N0}/s = {r2 / r0:0.000}x B0 ({r0:N0}/s)") : null);
Target("B4 p50 <= 20 ms", b4?.Latency is { } l4 ? (l4.P50 <= 20, $"p50 {l4.P50:0.0} ms") : null);
Target("B4 p99 <= 100 ms", b4?.Latency is { } l4b ? (l4b.P99 <= 100, $"p99 {l4b.P99:0.0} ms") : null);
Target("B3 batched >= 10x one at a time", b3Batched?.Rate is { } rb && b3Single?.Rate is { } rs ? (rb / rs >= 10, $"{rb:N0} vs {rs:N0} rows/s = {rb / rs:0.0}x") : null);
Target("B5 >= 0.8x steady", b5?.Rate is { } r5 && b2?.Rate is { } rsteady ? (r5 / rsteady >= 0.8, $"{r5:N0} vs {rsteady:N0} events/s = {r5 / rsteady:0.00}x") : null);
Target("search p95 <= 10 ms", search?.Latency is { } ls ? (ls.P95 <= 10, $"p95 {ls.P95:0.0} ms over {search.Size}") : null);
Target(">= 1,000 webhook deliveries/s", hooks is null ? null : hooks.Rate is { } rh ? (rh >= 1000, $"{rh:N0}/s") : (false, hooks.Note ?? "no figure"));
Console.WriteLine();
Console.WriteLine($"Total {total.Elapsed.TotalMinutes:0.0} min.");
return 0;

static void Target(string name, (bool Met, string Figure)? result) =>
    Console.WriteLine(result is { } r ? $"  [{(r.Met ? "met" : "MISSED")}] {name}: {r.Figure}" : $"  [not run] {name}");

static string Ms(double? ms) => ms is { } v ? v.ToString(v < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) : "-";
static string Mb(long bytes) => bytes <= 0 ? "-" : (bytes / 1024.0 / 1024.0).ToString("N0", CultureInfo.InvariantCulture);

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static string Cpu()
{
    try
    {
        var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
    }
    catch (IOException) { return RuntimeInformation.ProcessArchitecture.ToString(); }
}

static double TotalMemoryGb() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024.0 / 1024.0;

async Task<string> BrokerVersionAsync()
{
    try
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String("guest:guest"u8.ToArray()));
        using var doc = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"http://{fixture.Host}:15672/api/overview"));
        return "RabbitMQ " + doc.RootElement.GetProperty("rabbitmq_version").GetString();
    }
    catch (Exception) { return "version unknown"; }
}
