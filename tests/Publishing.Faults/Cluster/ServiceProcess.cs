using System.Diagnostics;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using Publishing.Faults.Broker;
using Publishing.Testing;

namespace Publishing.Faults.Cluster;

/// <summary>
/// One service as its own OS process (<c>dotnet services/Publishing.X/bin/.../Publishing.X.dll</c>), in the
/// Development environment with the dev token issuer on, on a fixed loopback port and its own data folder, which
/// both survive a kill and restart. It reaches the broker through its own <see cref="TcpProxy"/>, so its link alone
/// can be cut.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly string _dll;
    private readonly Dictionary<string, string?> _environment;
    private readonly string _logFile;
    private ChildProcess? _process;

    public ServiceProcess(string name, string project, int port, string runFolder, TcpProxy brokerLink, IReadOnlyDictionary<string, string?> settings)
    {
        Name = name;
        BrokerLink = brokerLink;
        Port = port;
        DataDirectory = Directory.CreateDirectory(Path.Combine(runFolder, name)).FullName;
        _logFile = Path.Combine(runFolder, "logs", name + ".log");
        Directory.CreateDirectory(Path.GetDirectoryName(_logFile)!);
        _dll = ServiceDll(project);
        Http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        // Settings reach the child as environment variables, as an operator would pass them (Section__Key).
        _environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Urls"] = Address.ToString().TrimEnd('/'),
            ["ConnectionStrings__RabbitMq"] = $"amqp://guest:guest@127.0.0.1:{brokerLink.Port}/",
            ["DataDirectory"] = DataDirectory,
        };
        foreach (var (key, value) in settings) _environment[key.Replace(":", "__")] = value;
    }

    public string Name { get; }
    public int Port { get; }
    public Uri Address => new($"http://127.0.0.1:{Port}/");
    public string DataDirectory { get; }
    public TcpProxy BrokerLink { get; }
    public HttpClient Http { get; }
    public bool Running => _process is { HasExited: false };

    /// <summary>The SQLite file of the service's own database (<c>{name}.db</c> under its data folder).</summary>
    public string DatabaseFile(string databaseName) => Path.Combine(DataDirectory, databaseName.ToLowerInvariant() + ".db");

    /// <summary>Starts the process and returns once <c>/health/ready</c> says Healthy (database migrated, bus connected).</summary>
    public async Task StartAsync(TimeSpan timeout)
    {
        _process = ChildProcess.StartDotnet(_dll, [], _environment);
        var watch = Stopwatch.StartNew();
        var last = "no answer";
        while (true)
        {
            if (_process.HasExited)
            {
                await SaveLogAsync();
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} while starting; see {_logFile}");
            }
            try
            {
                using var response = await Http.GetAsync("health/ready");
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                last = $"{(int)response.StatusCode} {(body.TryGetProperty("status", out var s) ? s.GetString() : "")}";
                if (response.IsSuccessStatusCode && last.EndsWith("Healthy", StringComparison.Ordinal)) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException) { last = ex.Message; }
            if (watch.Elapsed > timeout)
            {
                await SaveLogAsync();
                throw new TimeoutException($"{Name} was not ready within {timeout.TotalSeconds:0} s (last: {last}); see {_logFile}");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>kill -9: no shutdown hooks, no flushing; whatever was in flight is lost with the process.</summary>
    public async Task KillAsync()
    {
        if (_process is null) return;
        Signals.Send(_process.Id, Signals.Kill);
        await _process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        await SaveLogAsync();
        await _process.DisposeAsync();
        _process = null;
    }

    private async Task SaveLogAsync()
    {
        if (_process is null) return;
        await File.AppendAllTextAsync(_logFile, $"--- {Name} (pid {_process.Id}) until {DateTimeOffset.UtcNow:HH:mm:ss.fff} ---\n{_process.Output}\n");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await SaveLogAsync();
            await _process.DisposeAsync();
            _process = null;
        }
        Http.Dispose();
    }

    /// <summary>services/{project}/bin/{Configuration}/{TargetFramework}/{project}.dll, built with this program.</summary>
    private static string ServiceDll(string project)
    {
        var metadata = typeof(ServiceProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value);
        var dll = Path.Combine(RepositoryRoot(), "services", project, "bin", metadata["Configuration"]!, metadata["TargetFramework"]!, project + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} is missing; build tests/Publishing.Faults (it builds the services)");
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Publishing.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No Publishing.sln above {AppContext.BaseDirectory}");
    }
}
