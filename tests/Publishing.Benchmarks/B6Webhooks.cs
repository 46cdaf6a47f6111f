using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Publishing.Benchmarks;

/// <summary>
/// B6 webhooks: 100 subscriptions (POST /api/subscriptions as an admin) pointing at a loopback Kestrel
/// receiver that answers 204; events committed through the pipeline; deliveries/s from the first
/// commit to the last delivery received, latency commit to each delivery received.
/// </summary>
public static class B6Webhooks
{
    public const int Subscriptions = 100;

    public static async Task<Row> RunAsync(Pipeline pipeline, int events)
    {
        var name = "B6 webhook deliveries (100 subscriptions)";
        var size = $"{events:N0} events x {Subscriptions}";
        var notifications = pipeline.Notifications ?? throw new BenchmarkFailure("B6: the Notifications host is not running.");

        var received = new ConcurrentDictionary<string, long>();
        var committed = new ConcurrentDictionary<string, long>();
        var latencies = new ConcurrentBag<double>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        await using var receiver = builder.Build();
        receiver.MapPost("/hooks/{n:int}", async (HttpRequest request) =>
        {
            var now = Stopwatch.GetTimestamp();
            using var body = await JsonDocument.ParseAsync(request.Body);
            var id = request.Headers["webhook-id"].ToString();
            if (received.TryAdd($"{id}|{request.Path}", now)
                && body.RootElement.TryGetProperty("data", out var data) && data.TryGetProperty("slug", out var slug)
                && committed.TryGetValue(slug.GetString() ?? "", out var at))
                latencies.Add(Clock.Ms(at, now));
            return Results.NoContent();
        });
        await receiver.StartAsync();
        var address = receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        using var admin = await notifications.ClientAsAsync("bench-admin", "admin");
        for (var i = 0; i < Subscriptions; i++)
        {
            using var response = await admin.PostAsJsonAsync("/api/subscriptions", new
            {
                name = $"bench-{i}", url = $"{address}/hooks/{i}", events = new[] { "content.published" },
                filter = new { types = Array.Empty<string>(), slugs = Array.Empty<string>(), tags = Array.Empty<string>() },
            });
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
                return new Row(name, size, null, "deliveries/s", null, new Memory(0, 0),
                    $"not available yet: POST /api/subscriptions answered {(int)response.StatusCode} (Notifications is being rewritten)");
            if (!response.IsSuccessStatusCode)
                throw new BenchmarkFailure($"B6: POST /api/subscriptions answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var expected = events * Subscriptions;
        pipeline.Tracker.Reset(events);
        var memory = MemorySampler.Start();
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < events; i++)
        {
            var (slug, at) = await pipeline.StageAsync();
            committed[slug] = at;
        }

        var last = -1;
        var lastChange = Stopwatch.GetTimestamp();
        while (received.Count < expected)
        {
            await Task.Delay(200);
            if (received.Count != last) { last = received.Count; lastChange = Stopwatch.GetTimestamp(); continue; }
            if (Stopwatch.GetElapsedTime(lastChange) > TimeSpan.FromSeconds(60))
            {
                var stalled = memory.Stop();
                return new Row(name, size, null, "deliveries/s", null, stalled,
                    $"incomplete: {received.Count:N0} of {expected:N0} deliveries arrived, none more for 60 s");
            }
        }
        var mem = memory.Stop();
        var seconds = Stopwatch.GetElapsedTime(start, received.Values.Max()).TotalSeconds;
        return new Row(name, size, expected / seconds, "deliveries/s", Stats.Of(latencies.ToArray()), mem,
            "loopback receiver answering 204; latency = commit -> delivery received") { Items = expected };
    }
}
