using System.Reflection;
using System.Text.Json;
using Publishing.Testing;
using Xunit;

namespace Publishing.Faults.Tests;

/// <summary>
/// One run of the fault suite's short form, as its own process, over the scenarios the test does not skip; each
/// test case then reads its scenario's row. There is no silent skip: without RabbitMQ installed the run fails and
/// says so (test.sh installs it).
/// </summary>
public sealed class FaultSuiteRun : IAsyncLifetime
{
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(12);
    private readonly string _json = Path.Combine(Path.GetTempPath(), $"publishing-faults-{Guid.NewGuid():N}.json");
    private Dictionary<string, JsonElement> _results = [];

    /// <summary>The program's output (its last 64 KB), for a failure message.</summary>
    public string Output { get; private set; } = "";

    /// <summary>The end of the output: the table, and where the data and logs of a failed run were kept.</summary>
    public string Summary => Output.Length <= 4000 ? Output : "..." + Output[^4000..];

    public async Task InitializeAsync()
    {
        var scenarios = FaultSuiteTests.ScenariosToRun();
        await using var program = ChildProcess.StartDotnet(ProgramDll(), ["--only", string.Join(',', scenarios), "--json", _json]);
        var ended = await program.WaitForExitAsync(Budget);
        Output = program.Output;
        if (!ended) throw new TimeoutException($"The fault suite did not finish within {Budget.TotalMinutes:0} minutes:\n{Output}");
        if (!File.Exists(_json)) throw new InvalidOperationException($"The fault suite wrote no results (exit code {program.ExitCode}):\n{Output}");
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(_json));
        _results = document.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, r => r.Clone());
    }

    /// <summary>The scenario's row; a scenario with no row never ran (the run stopped before it).</summary>
    public JsonElement Result(string scenario) =>
        _results.TryGetValue(scenario, out var row) ? row : throw new Xunit.Sdk.XunitException($"No result for {scenario}:\n{Output}");

    public Task DisposeAsync()
    {
        File.Delete(_json);
        return Task.CompletedTask;
    }

    /// <summary>tests/Publishing.Faults/bin/{Configuration}/{TargetFramework}/Publishing.Faults.dll, built before this project.</summary>
    private static string ProgramDll()
    {
        var metadata = typeof(FaultSuiteRun).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Publishing.sln")))
                return Path.Combine(dir.FullName, "tests", "Publishing.Faults", "bin", metadata["Configuration"]!, metadata["TargetFramework"]!, "Publishing.Faults.dll");
        throw new InvalidOperationException($"No Publishing.sln above {AppContext.BaseDirectory}");
    }
}
