using System.Net;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Publishing.Messaging.Bus;
using Publishing.Messaging.Database;
using Publishing.Messaging.Outbox;
using Publishing.ServiceDefaults;
using Publishing.Testing;
using Xunit;

namespace Publishing.Messaging.Tests;

/// <summary>
/// Readiness tells a load balancer the truth about the bus: it fails while the broker is unreachable
/// (a cut TCP link, the shared broker left running) and passes again once the bus is back with its
/// receive endpoints; liveness is not touched by it.
/// </summary>
[Collection(RabbitMqFixture.Collection)]
public sealed class BusReadinessTests(RabbitMqFixture rabbit) : IDisposable
{
    private readonly TempDirectory _data = new();

    /// <summary>A service as every host is made: the defaults, a database with an outbox, a bus with a consumer.</summary>
    private static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure)
    {
        var builder = ServiceBuilder.Create(args);
        configure?.Invoke(builder);
        builder.AddServiceDefaults("bus-readiness-test");
        builder.AddServiceDatabase<TestDbContext, TestDbContext>("Test").WithOutbox();
        builder.AddPublishingBus(bus => bus.AddConsumer<ApplyNoteConsumer>());
        var app = builder.Build();
        app.UseServiceDefaults();
        app.MapDefaultEndpoints();
        return app;
    }

    [Fact]
    public async Task Readiness_fails_while_the_broker_is_cut_off_and_passes_again_once_it_is_back()
    {
        await using var link = new TcpProxy(rabbit.Host, rabbit.AmqpPort);
        link.Start();
        var vhost = await rabbit.CreateVirtualHostAsync(link.Port);
        await using var service = await ServiceHost.StartAsync(Create, ServiceHost.Settings(vhost, _data.Path));
        await service.WaitUntilReadyAsync();

        link.Stop();
        var cut = await Eventually.Until(() => ProbeAsync(service, "/health/ready"), r => r.Status == HttpStatusCode.ServiceUnavailable,
            what: "readiness to fail while the broker is unreachable");
        Assert.Equal("Unhealthy", cut.Checks[BusReadinessCheck.Name]);
        Assert.Equal(HttpStatusCode.OK, (await ProbeAsync(service, "/health/live")).Status);

        link.Start();
        var back = await Eventually.Until(() => ProbeAsync(service, "/health/ready"), r => r.Status == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "readiness to pass once the broker is back");
        Assert.Equal("Healthy", back.Checks[BusReadinessCheck.Name]);
    }

    private sealed record Probe(HttpStatusCode Status, Dictionary<string, string> Checks)
    {
        public override string ToString() => $"{(int)Status} {string.Join(", ", Checks.Select(c => $"{c.Key}={c.Value}"))}";
    }

    private static async Task<Probe> ProbeAsync(ServiceHost service, string path)
    {
        using var response = await service.Http.GetAsync(path);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var checks = body.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString()!);
        return new Probe(response.StatusCode, checks);
    }

    public void Dispose() => _data.Dispose();
}
