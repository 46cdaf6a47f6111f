using Microsoft.Extensions.DependencyInjection;
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
    private readonly Action<IServiceCollection>? _authoringServices;

    private Cluster(Uri broker, TempDirectory data, Action<IServiceCollection>? authoringServices)
    {
        _broker = broker;
        _data = data;
        _authoringServices = authoringServices;
    }

    public ServiceHost Authoring { get; private set; } = null!;
    public ServiceHost Review { get; private set; } = null!;
    public ServiceHost Search { get; private set; } = null!;
    public ServiceHost Notifications { get; private set; } = null!;

    /// <param name="authoringServices">Services Authoring gets beyond its own (e.g. a test's clock), also when restarted.</param>
    public static async Task<Cluster> StartAsync(Uri broker, TempDirectory data, Action<IServiceCollection>? authoringServices = null)
    {
        var cluster = new Cluster(broker, data, authoringServices);
        // Consumers first, so their queues exist before Authoring publishes anything.
        cluster.Review = await cluster.StartAsync((a, c) => ReviewHost.Create(a, c), "review");
        cluster.Search = await cluster.StartSearchAsync();
        cluster.Notifications = await cluster.StartAsync((a, c) => NotificationsHost.Create(a, c), "notifications");
        cluster.Authoring = await cluster.StartAuthoringAsync();
        return cluster;
    }

    private Task<ServiceHost> StartAuthoringAsync() =>
        StartAsync((a, c) => AuthoringHost.Create(a, c), "authoring", services: _authoringServices);

    /// <summary>Stops Authoring and starts it again on the same database and queues: a new process, as after a deploy.</summary>
    public async Task<ServiceHost> RestartAuthoringAsync()
    {
        await Authoring.DisposeAsync();
        return Authoring = await StartAuthoringAsync();
    }

    public async Task<ServiceHost> StartSearchAsync() =>
        Search = await StartAsync((a, c) => SearchIndexingHost.Create(a, c), "search-indexing");

    /// <summary>Another Search-indexing instance with its own queue suffix, database and index.</summary>
    public Task<ServiceHost> StartSearchInstanceAsync(string instanceName) =>
        StartAsync((a, c) => SearchIndexingHost.Create(a, c), $"search-indexing-{instanceName}",
            new() { ["Messaging:InstanceName"] = instanceName });

    private async Task<ServiceHost> StartAsync(
        Func<string[], Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>?, Microsoft.AspNetCore.Builder.WebApplication> create,
        string name, Dictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null)
    {
        var settings = ServiceHost.Settings(_broker, _data.Sub(name));
        foreach (var (key, value) in extra ?? []) settings[key] = value;
        var host = await ServiceHost.StartAsync(create, settings, services: services);
        await host.WaitUntilReadyAsync();
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in new[] { Authoring, Review, Search, Notifications })
            if (host is not null) await host.DisposeAsync();
    }
}
