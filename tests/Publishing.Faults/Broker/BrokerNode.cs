using System.Diagnostics;
using System.Net.Sockets;

namespace Publishing.Faults.Broker;

/// <summary>
/// A RabbitMQ node of this run's own: its own node name, AMQP and distribution ports, data, log and config
/// files in a folder of its own, and no plugins (so no management listener either). Killing, pausing or
/// stopping it never touches the shared node the test suite uses: every command names this node, and
/// signals go only to the process id this node wrote to its own pid file.
/// </summary>
public sealed class BrokerNode : IAsyncDisposable
{
    private readonly string _folder;
    private Process? _server;
    private int _beamPid;

    private BrokerNode(string folder, string nodeName, int amqpPort, int distributionPort)
    {
        _folder = folder;
        NodeName = nodeName;
        AmqpPort = amqpPort;
        DistributionPort = distributionPort;
    }

    public string NodeName { get; }
    public int AmqpPort { get; }
    public int DistributionPort { get; }
    public Uri AmqpUri => new($"amqp://guest:guest@127.0.0.1:{AmqpPort}/");

    /// <summary>The node's process is alive (it may be paused).</summary>
    public bool Running => _server is { HasExited: false };
    private string LogFile => Path.Combine(_folder, "server.log");

    /// <summary>Prepares the node's folder, names and ports; <see cref="StartAsync"/> starts it.</summary>
    public static BrokerNode Create(string runFolder)
    {
        var folder = Directory.CreateDirectory(Path.Combine(runFolder, "broker")).FullName;
        var node = new BrokerNode(folder, $"faults-{System.Environment.ProcessId}@localhost", Publishing.Testing.FreePort.Next(), Publishing.Testing.FreePort.Next());
        node.WriteFiles();
        return node;
    }

    /// <summary>Starts the node; returns once it accepts AMQP connections.</summary>
    public Task StartAsync(TimeSpan timeout) => StartServerAsync(timeout);

    private void WriteFiles()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "mnesia"));
        Directory.CreateDirectory(Path.Combine(_folder, "log"));
        File.WriteAllText(Path.Combine(_folder, "rabbitmq.conf"),
            $"listeners.tcp.default = 127.0.0.1:{AmqpPort}\n" +
            // The broker is asked for every publication's confirm; a paused disk alarm would only hide the fault under test.
            "disk_free_limit.absolute = 50MB\n");
        File.WriteAllText(Path.Combine(_folder, "enabled_plugins"), "[].\n");
        // An empty environment file, so the machine's /etc/rabbitmq/rabbitmq-env.conf cannot rename or move this node.
        File.WriteAllText(Path.Combine(_folder, "rabbitmq-env.conf"), "");
        // As root, the packaged rabbitmq-server drops to the rabbitmq user (and its ~/.erlang.cookie, which
        // rabbitmqctl then shares): that user must be able to reach and write here (the run folder above it: traverse only).
        if (OperatingSystem.IsWindows()) return;
        var runFolder = Path.GetDirectoryName(_folder)!;
        File.SetUnixFileMode(runFolder, File.GetUnixFileMode(runFolder) | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        foreach (var dir in new[] { _folder, Path.Combine(_folder, "mnesia"), Path.Combine(_folder, "log") })
            File.SetUnixFileMode(dir, (UnixFileMode)0b111_111_111);
    }

    private Dictionary<string, string> NodeEnvironment() => new()
    {
        ["RABBITMQ_NODENAME"] = NodeName,
        ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
        ["RABBITMQ_NODE_PORT"] = AmqpPort.ToString(),
        ["RABBITMQ_DIST_PORT"] = DistributionPort.ToString(),
        ["RABBITMQ_MNESIA_BASE"] = Path.Combine(_folder, "mnesia"),
        ["RABBITMQ_LOG_BASE"] = Path.Combine(_folder, "log"),
        ["RABBITMQ_CONFIG_FILE"] = Path.Combine(_folder, "rabbitmq.conf"),
        ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_folder, "enabled_plugins"),
        ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(_folder, "rabbitmq-env.conf"),
        ["RABBITMQ_PID_FILE"] = Path.Combine(_folder, "node.pid"),
    };

    private async Task StartServerAsync(TimeSpan timeout)
    {
        var start = new ProcessStartInfo("rabbitmq-server")
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in NodeEnvironment()) start.Environment[name] = value;
        File.Delete(Path.Combine(_folder, "node.pid"));
        _server = Process.Start(start) ?? throw new InvalidOperationException("rabbitmq-server did not start");
        _server.OutputDataReceived += (_, e) => AppendLog(e.Data);
        _server.ErrorDataReceived += (_, e) => AppendLog(e.Data);
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (!await AcceptsConnectionsAsync())
        {
            if (_server.HasExited)
                throw new InvalidOperationException($"RabbitMQ node {NodeName} exited while starting; see {LogFile}");
            if (deadline.Elapsed > timeout)
                throw new TimeoutException($"RabbitMQ node {NodeName} did not accept connections within {timeout.TotalSeconds:0} s; see {LogFile}");
            await Task.Delay(250);
        }
        _beamPid = ReadPid();
    }

    private int ReadPid()
    {
        var text = File.ReadAllText(Path.Combine(_folder, "node.pid")).Trim();
        var pid = int.Parse(text);
        // Signals go only to a process running this node, never to another broker on the machine: the node takes its
        // name from the environment this program gave it.
        var environment = File.ReadAllText($"/proc/{pid}/environ").Split('\0');
        if (!environment.Contains($"RABBITMQ_NODENAME={NodeName}"))
            throw new InvalidOperationException($"Process {pid} from {NodeName}'s pid file is not that node");
        return pid;
    }

    private void AppendLog(string? line)
    {
        if (line is null) return;
        lock (_folder) File.AppendAllText(LogFile, line + "\n");
    }

    public async Task<bool> AcceptsConnectionsAsync()
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync("127.0.0.1", AmqpPort, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException) { return false; }
    }

    /// <summary>kill -9 of the node's Erlang VM: no goodbye to its clients, messages only what it had on disk.</summary>
    public async Task KillAsync()
    {
        Signals.Send(_beamPid, Signals.Kill);
        _beamPid = 0; // the number may be reused by an unrelated process
        if (_server is not null)
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try { await _server.WaitForExitAsync(wait.Token); } catch (OperationCanceledException) { }
            _server.Dispose();
            _server = null;
        }
    }

    /// <summary>Starts the node again on the same name, ports and data after <see cref="KillAsync"/>.</summary>
    public Task RestartAsync(TimeSpan timeout) => StartServerAsync(timeout);


    /// <summary>Freezes the node (SIGSTOP): connections stay open and nothing answers, as a hung host.</summary>
    public void Pause() => Signals.Send(_beamPid, Signals.Stop);

    public void Resume() => Signals.Send(_beamPid, Signals.Continue);

    /// <summary>Queue depths on this node (rabbitmqctl names the node; the shared one is never asked).</summary>
    public async Task<IReadOnlyDictionary<string, long>> QueueDepthsAsync()
    {
        var (code, output) = await RabbitMqCtlAsync(TimeSpan.FromSeconds(60), "list_queues", "-q", "--no-table-headers", "name", "messages");
        var depths = new Dictionary<string, long>();
        if (code != 0) return depths;
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('\t', ' ');
            if (parts.Length >= 2 && long.TryParse(parts[^1], out var n)) depths[parts[0]] = n;
        }
        return depths;
    }

    private async Task<(int Code, string Output)> RabbitMqCtlAsync(TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo("rabbitmqctl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-n");
        start.ArgumentList.Add(NodeName);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var wait = new CancellationTokenSource(timeout);
        try { await process.WaitForExitAsync(wait.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out");
        }
        return (process.ExitCode, await output + await error);
    }

    /// <summary>Stops the node with <c>rabbitmqctl -n &lt;this node&gt; stop</c>; kills it if that does not work.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            Resume(); // a paused node cannot stop
            var (code, _) = await RabbitMqCtlAsync(TimeSpan.FromSeconds(60), "stop");
            if (code != 0) Signals.Send(_beamPid, Signals.Kill);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try { await _server.WaitForExitAsync(wait.Token); } catch (OperationCanceledException) { Signals.Send(_beamPid, Signals.Kill); }
        }
        _server?.Dispose();
    }

    /// <summary>For a run that is torn down abruptly (Ctrl-C): no node may outlive it.</summary>
    public void KillNow()
    {
        if (_beamPid > 0 && _server is { HasExited: false }) Signals.Send(_beamPid, Signals.Kill);
    }
}
