using Publishing.Faults.Broker;
using Publishing.Testing;

namespace Publishing.Faults.Cluster;

/// <summary>The broker node and the four services, each behind its own link to the node.</summary>
public sealed class Services : IAsyncDisposable
{
    private Services(BrokerNode broker, ServiceProcess authoring, ServiceProcess review, ServiceProcess search, ServiceProcess notifications)
    {
        Broker = broker;
        Authoring = authoring;
        Review = review;
        Search = search;
        Notifications = notifications;
    }

    public BrokerNode Broker { get; }
    public ServiceProcess Authoring { get; }
    public ServiceProcess Review { get; }
    public ServiceProcess Search { get; }
    public ServiceProcess Notifications { get; }
    public IReadOnlyList<ServiceProcess> All => [Authoring, Review, Search, Notifications];

    public ServiceProcess Named(string name) => All.Single(s => s.Name == name);

    public static async Task<Services> StartAsync(string runFolder, BrokerNode broker, TimeSpan timeout)
    {
        var searchPort = FreePort.Next();
        ServiceProcess Create(string name, string project, int? port = null)
        {
            var link = new TcpProxy("127.0.0.1", broker.AmqpPort);
            link.Start();
            var settings = CommonSettings();
            // Links in webhooks and feeds point at Search, which serves the public reads.
            settings["PublicBaseUrl"] = $"http://127.0.0.1:{searchPort}/";
            return new ServiceProcess(name, project, port ?? FreePort.Next(), runFolder, link, settings);
        }

        var services = new Services(broker,
            Create("authoring", "Publishing.Authoring"),
            Create("review", "Publishing.Review"),
            Create("search-indexing", "Publishing.SearchIndexing", searchPort),
            Create("notifications", "Publishing.Notifications"));
        try
        {
            // All at once, while the node boots: nothing is published until every one is ready (its queues declared),
            // and a service waits for the broker as it would in production.
            await Task.WhenAll(broker.StartAsync(timeout), services.Review.StartAsync(timeout), services.Search.StartAsync(timeout),
                services.Notifications.StartAsync(timeout), services.Authoring.StartAsync(timeout));
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
        return services;
    }

    /// <summary>
    /// What every service gets: the RabbitMQ transport, the dev issuer (its built-in key, so a token from one
    /// service works at all four), no sample content, and the services' own defaults for everything that decides
    /// how fast they recover (outbox sweep, retries, leases), since that is what is measured.
    /// </summary>
    private static Dictionary<string, string?> CommonSettings() => new()
    {
        ["Messaging:Transport"] = "RabbitMq",
        ["Auth:DevIssuer:Enabled"] = "true",
        ["Seed:Enabled"] = "false",
        // The suite reads far faster than one real client may; limits have tests of their own.
        ["RateLimits:PublicReads:PermitsPerSecond"] = "100000",
        ["RateLimits:PublicReads:Burst"] = "100000",
        ["RateLimits:Search:PermitsPerSecond"] = "100000",
        ["RateLimits:Search:Burst"] = "100000",
        ["RateLimits:Tokens:PermitsPerSecond"] = "100000",
        ["RateLimits:Tokens:Burst"] = "100000",
        // The subscriber listens on loopback (Development only).
        ["Notifications:Webhooks:AllowPrivateNetworks"] = "true",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:Console:TimestampFormat"] = "HH:mm:ss.fff ",
    };

    /// <summary>
    /// After a scenario, whatever its fault left behind is undone (a scenario that failed half-way may leave a
    /// process dead or the node paused), so the next one starts from a whole system.
    /// </summary>
    public async Task HealAsync(TimeSpan timeout)
    {
        if (Broker.Running) Broker.Resume();
        else await Broker.RestartAsync(timeout);
        foreach (var service in All.Where(s => !s.Running)) await service.StartAsync(timeout);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in All)
        {
            await service.DisposeAsync();
            await service.BrokerLink.DisposeAsync();
        }
    }
}
