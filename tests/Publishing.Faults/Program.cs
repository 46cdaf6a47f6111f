using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Publishing.Faults;
using Publishing.Faults.Broker;
using Publishing.Faults.Cluster;
using Publishing.Faults.Scenarios;
using Publishing.Faults.Traffic;

// The fault suite: the four services as separate processes on a RabbitMQ node of their own, publications through
// the public APIs, one fault at a time, and what became of every publication's effects.
//   dotnet run --project tests/Publishing.Faults                  the short form (what CI runs)
//   dotnet run --project tests/Publishing.Faults -- --full        longer faults, more traffic; the table for docs/reliability.md
// Options: --only NAME,...  run some scenarios (see Scenarios/Scenario.cs; `--list` names them);
//          --json FILE      also write the results as JSON;  --keep  leave the data and logs folder;
//          --verbose        print when each effect of each publication was seen.
// Exit code: 0 when nothing was lost, duplicated or wrongly applied; 1 otherwise; 2 when the system could not be started.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var full = args.Contains("--full");
var sizes = full ? Sizes.Long : Sizes.Short;
var only = Option("--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
var scenarios = Scenario.All().Where(s => only is null ? s.InShortForm || full : only.Contains(s.Name)).ToList();
if (args.Contains("--list"))
{
    foreach (var s in Scenario.All()) Console.WriteLine($"{s.Name,-22} {(s.InShortForm ? "short+full" : "full only"),-10}  {s.Fault}");
    return 0;
}
if (only is not null && only.Except(Scenario.All().Select(s => s.Name)).FirstOrDefault() is { } unknown)
{
    Console.Error.WriteLine($"Unknown scenario '{unknown}'; --list names them.");
    return 2;
}

var folder = Directory.CreateTempSubdirectory("publishing-faults-").FullName;
Console.WriteLine($"Publishing fault suite ({(full ? "full" : "short; --full for the table in docs/reliability.md")}), {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, " +
                  $"{Environment.ProcessorCount} CPUs, {LoadAverage()}; data and logs under {folder}");
var results = new List<ScenarioResult>();
BrokerNode? broker = null;
Services? services = null;
Subscriber? subscriber = null;
Console.CancelKeyPress += (_, _) => broker?.KillNow();
var total = Stopwatch.StartNew();
try
{
    broker = BrokerNode.Create(folder);
    var node = broker;
    services = await Step($"Broker node {broker.NodeName} on 127.0.0.1:{broker.AmqpPort} and the services",
        () => Services.StartAsync(folder, node, sizes.StartTimeout));
    subscriber = await Subscriber.StartAsync();
    var run = await Step("Subscription and tokens", () => Run.PrepareAsync(services, subscriber, sizes, args.Contains("--verbose")));

    foreach (var scenario in scenarios)
    {
        Console.Write($"{scenario.Name}... ");
        var result = await ScenarioRunner.RunAsync(run, scenario);
        results.Add(result);
        Console.WriteLine($"{result.TookSeconds:0} s: {result.Publications} publications, lost {result.Lost}, duplicate effects {result.DuplicateEffects}, " +
                          $"duplicate deliveries {result.DuplicateDeliveries}, converged {Report.Seconds(result.ConvergeSeconds)}" +
                          (result.Notes.Length > 0 ? $"; {result.Notes}" : "") + (result.Error is null ? "" : $"; ERROR {result.Error}"));
        await services.HealAsync(sizes.StartTimeout);
    }
}
catch (Exception ex) when (ex is not OperationCanceledException)
{
    Console.WriteLine();
    Console.Error.WriteLine($"The fault suite could not run: {ex.Message}");
    if (results.Count == 0) return await Finish(2);
}

Console.WriteLine();
Console.WriteLine(Report.Table(results, full));
if (Option("--json") is { } json)
    await File.WriteAllTextAsync(json, JsonSerializer.Serialize(results, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
Console.WriteLine($"Total {total.Elapsed.TotalSeconds:0} s; {LoadAverage()} at the end.");
return await Finish(results.All(r => r.Passed) && results.Count == scenarios.Count ? 0 : 1);

async Task<int> Finish(int code)
{
    if (subscriber is not null) await subscriber.DisposeAsync();
    if (services is not null) await services.DisposeAsync();
    if (broker is not null) await broker.DisposeAsync();
    if (!args.Contains("--keep") && code == 0)
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { /* the temp cleaner has it */ }
    }
    else Console.WriteLine($"Data and logs kept in {folder}");
    return code;
}

async Task<T> Step<T>(string label, Func<Task<T>> step)
{
    Console.Write($"{label}... ");
    var watch = Stopwatch.StartNew();
    var value = await step();
    Console.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s");
    return value;
}

// Other work on the machine slows recovery down: the run says how busy it was.
static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? "load average " + string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "load average unknown";

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
