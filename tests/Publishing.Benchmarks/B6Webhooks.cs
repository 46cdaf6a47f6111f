using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Publishing.Testing;

namespace Publishing.Benchmarks;

/// <summary>
/// B6 webhooks: 100 subscriptions (POST /api/subscriptions as an admin) pointing at a loopback
/// <see cref="WebhookReceiver"/> that answers 204; events committed through the pipeline; deliveries/s
/// from the first commit to the last delivery received, latency commit to each delivery received.
/// </summary>
public static class B6Webhooks
{
    public const int Subscriptions = 100;

    public static async Task<Row> RunAsync(Pipeline pipeline, int events)
    {
        var name = "B6 webhook deliveries (100 subscriptions)";
        var size = $"{events:N0} events x {Subscriptions}";
        var notifications = pipeline.Notifications ?? throw new BenchmarkFailure("B6: the Notifications host is not running.");

        var committed = new ConcurrentDictionary<string, long>();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Fallback = new Reply(204);

        using var admin = await notifications.ClientAsAsync("bench-admin", "admin");
        for (var i = 0; i < Subscriptions; i++)
        {
            using var response = await admin.PostAsJsonAsync("/api/subscriptions", new
            {
                name = $"bench-{i}", url = receiver.UrlFor($"hooks/{i}"), events = new[] { "content.published" },
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
        var received = FirstArrivals(receiver);
        while (received.Count < expected)
        {
            await Task.Delay(200);
            received = FirstArrivals(receiver);
            if (received.Count != last) { last = received.Count; lastChange = Stopwatch.GetTimestamp(); continue; }
            if (Stopwatch.GetElapsedTime(lastChange) > TimeSpan.FromSeconds(60))
            {
                var stalled = memory.Stop();
                return new Row(name, size, null, "deliveries/s", null, stalled,
                    $"incomplete: {received.Count:N0} of {expected:N0} deliveries arrived, none more for 60 s");
            }
        }
        var mem = memory.Stop();
        var latencies = received.Select(r => (Slug: Slug(r), r.Timestamp))
            .Where(r => committed.ContainsKey(r.Slug))
            .Select(r => Clock.Ms(committed[r.Slug], r.Timestamp)).ToArray();
        var seconds = Stopwatch.GetElapsedTime(start, received.Max(r => r.Timestamp)).TotalSeconds;
        return new Row(name, size, expected / seconds, "deliveries/s", Stats.Of(latencies), mem,
            "loopback receiver answering 204; latency = commit -> delivery received") { Items = expected };
    }

    /// <summary>The first arrival of each delivery (webhook id at one subscription's path); a retry is not another.</summary>
    private static List<ReceivedRequest> FirstArrivals(WebhookReceiver receiver) => receiver.Requests
        .GroupBy(r => (r.WebhookId, r.Path))
        .Select(g => g.MinBy(r => r.Timestamp)!)
        .ToList();

    private static string Slug(ReceivedRequest request)
    {
        using var body = JsonDocument.Parse(request.Body);
        return body.RootElement.TryGetProperty("data", out var data) && data.TryGetProperty("slug", out var slug)
            ? slug.GetString() ?? ""
            : "";
    }
}
