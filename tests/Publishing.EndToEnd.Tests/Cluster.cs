using Publishing.Authoring;
using Publishing.Notifications;
using Publishing.Review;
using Publishing.SearchIndexing;
using Publishing.Testing;

namespace Publishing.EndToEnd.Tests;

/// <summary>The four services as separate hosts, each with its own database, sharing one broker.</summary>
public sealed class Cluster : IAsyncDisposable
{
    private readonly Uri _broker;
    private readonly TempDirectory _data;

    private Cluster(Uri broker, TempDirectory data)
    {
        _broker = broker;
        _data = data;
    }

    public ServiceHost Authoring { get; private set; } = null!;
    public ServiceHost Review { get; private set; } = null!;
    public ServiceHost Search { get; private set; } = null!;
    public ServiceHost Notifications { get; private set; } = null!;

    public static async Task<Cluster> StartAsync(Uri broker, TempDirectory data)
    {
        var cluster = new Cluster(broker, data);
        // Consumers first, so their queues exist before Authoring publishes anything.
        cluster.Review = await cluster.StartAsync((a, c) => ReviewHost.Create(a, c), "review");
        cluster.Search = await cluster.StartSearchAsync();
        cluster.Notifications = await cluster.StartAsync((a, c) => NotificationsHost.Create(a, c), "notifications");
        cluster.Authoring = await cluster.StartAsync((a, c) => AuthoringHost.Create(a, c), "authoring");
        return cluster;
    }

    public async Task<ServiceHost> StartSearchAsync() =>
        Search = await StartAsync((a, c) => SearchIndexingHost.Create(a, c), "search-indexing");

    /// <summary>Another Search-indexing instance with its own queue suffix, database and index.</summary>
    public Task<ServiceHost> StartSearchInstanceAsync(string instanceName) =>
        StartAsync((a, c) => SearchIndexingHost.Create(a, c), $"search-indexing-{instanceName}",
            new() { ["Messaging:InstanceName"] = instanceName });

    private async Task<ServiceHost> StartAsync(
        Func<string[], Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>?, Microsoft.AspNetCore.Builder.WebApplication> create,
        string name, Dictionary<string, string?>? extra = null)
    {
        var settings = ServiceHost.Settings(_broker, _data.Sub(name));
        foreach (var (key, value) in extra ?? []) settings[key] = value;
        var host = await ServiceHost.StartAsync(create, settings);
        await host.WaitUntilReadyAsync();
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in new[] { Authoring, Review, Search, Notifications })
            if (host is not null) await host.DisposeAsync();
    }
}
