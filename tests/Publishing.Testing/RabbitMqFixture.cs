using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Testcontainers.RabbitMq;
using Xunit;

namespace Publishing.Testing;

/// <summary>
/// A real RabbitMQ broker for tests: a Testcontainers broker where a Docker engine runs, otherwise
/// the local broker that the test command (test.sh) installed and started. Each test gets its own
/// virtual host, so tests never see each other's queues or messages. There is no silent skip: with
/// no broker, tests fail and say how to start one.
/// </summary>
public sealed class RabbitMqFixture : IAsyncLifetime
{
    /// <summary>Each test assembly declares a collection of this name holding the fixture (xunit needs it local).</summary>
    public const string Collection = "RabbitMQ";

    private RabbitMqContainer? _container;
    private HttpClient _management = new();
    private readonly System.Collections.Concurrent.ConcurrentBag<Uri> _created = [];

    public string Host { get; private set; } = "localhost";
    public int AmqpPort { get; private set; } = 5672;

    public async Task InitializeAsync()
    {
        if (DockerIsAvailable())
        {
            _container = new RabbitMqBuilder("rabbitmq:3.13-management")
                .WithPortBinding(15672, true)
                .Build();
            await _container.StartAsync();
            Host = _container.Hostname;
            AmqpPort = _container.GetMappedPublicPort(5672);
            ConfigureManagement(Host, _container.GetMappedPublicPort(15672), "rabbitmq", "rabbitmq");
            return;
        }

        var url = new Uri(Environment.GetEnvironmentVariable("RABBITMQ_URL") ?? "amqp://guest:guest@localhost:5672/");
        Host = url.Host;
        AmqpPort = url.IsDefaultPort ? 5672 : url.Port;
        if (!await CanConnectAsync(Host, AmqpPort))
            throw new InvalidOperationException(
                $"No RabbitMQ broker answers at {Host}:{AmqpPort} and no Docker engine is available. " +
                "Run the tests with ./test.sh, which installs and starts RabbitMQ, or set RABBITMQ_URL.");
        var management = int.TryParse(Environment.GetEnvironmentVariable("RABBITMQ_MANAGEMENT_PORT"), out var p) ? p : 15672;
        ConfigureManagement(Host, management, "guest", "guest");
    }

    private string User => _container is null ? "guest" : "rabbitmq";
    private string Password => _container is null ? "guest" : "rabbitmq";

    /// <summary>Creates an empty virtual host and returns the AMQP URI that reaches it.</summary>
    public async Task<Uri> CreateVirtualHostAsync(int? port = null)
    {
        var vhost = "test-" + Guid.NewGuid().ToString("N")[..12];
        var created = await _management.PutAsync($"api/vhosts/{vhost}", null);
        created.EnsureSuccessStatusCode();
        var permissions = new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json");
        (await _management.PutAsync($"api/permissions/{vhost}/{User}", permissions)).EnsureSuccessStatusCode();
        var uri = new Uri($"amqp://{User}:{Password}@{Host}:{port ?? AmqpPort}/{vhost}");
        _created.Add(uri);
        return uri;
    }

    /// <summary>Messages waiting in a queue of a virtual host (the management API refreshes every few seconds).</summary>
    public async Task<int> QueueDepthAsync(Uri vhostUri, string queue)
    {
        var vhost = vhostUri.AbsolutePath.Trim('/');
        var response = await _management.GetAsync($"api/queues/{vhost}/{queue}");
        if (!response.IsSuccessStatusCode) return -1;
        using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.TryGetProperty("messages", out var m) ? m.GetInt32() : 0;
    }

    /// <summary>
    /// Up to <paramref name="count"/> messages waiting in a queue, left there (read and requeued through the
    /// management API): each one's <c>properties.headers</c> (MassTransit's <c>MT-Fault-*</c> among them) and <c>payload</c>.
    /// </summary>
    public async Task<IReadOnlyList<System.Text.Json.JsonElement>> PeekAsync(Uri vhostUri, string queue, int count = 10)
    {
        var vhost = vhostUri.AbsolutePath.Trim('/');
        var request = new StringContent($$"""{"count":{{count}},"ackmode":"ack_requeue_true","encoding":"auto"}""", Encoding.UTF8, "application/json");
        var response = await _management.PostAsync($"api/queues/{vhost}/{queue}/get", request);
        response.EnsureSuccessStatusCode();
        using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. doc.RootElement.EnumerateArray().Select(m => m.Clone())];
    }

    public async Task DeleteVirtualHostAsync(Uri vhostUri)
    {
        try { await _management.DeleteAsync($"api/vhosts/{vhostUri.AbsolutePath.Trim('/')}"); }
        catch (HttpRequestException) { /* best effort clean-up */ }
    }

    public async Task DisposeAsync()
    {
        // Left behind, every virtual host is recovered at each broker start and slows it down.
        foreach (var vhost in _created) await DeleteVirtualHostAsync(vhost);
        _management.Dispose();
        if (_container is not null) await _container.DisposeAsync();
    }

    private void ConfigureManagement(string host, int port, string user, string password)
    {
        _management = new HttpClient { BaseAddress = new Uri($"http://{host}:{port}/") };
        _management.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
    }

    private static bool DockerIsAvailable()
    {
        if (Environment.GetEnvironmentVariable("PUBLISHING_TESTS_USE_LOCAL_RABBITMQ") == "1") return false;
        var socket = Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host
            ? host
            : File.Exists("/var/run/docker.sock") ? "unix:///var/run/docker.sock" : null;
        if (socket is null) return false;
        if (!socket.StartsWith("unix://", StringComparison.Ordinal)) return true;
        // A socket file can exist with no engine behind it; ask it.
        try
        {
            using var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            s.Connect(new UnixDomainSocketEndPoint(socket["unix://".Length..]));
            return true;
        }
        catch (SocketException) { return false; }
    }

    private static async Task<bool> CanConnectAsync(string host, int port)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            await client.ConnectAsync(host, port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException) { return false; }
    }
}
