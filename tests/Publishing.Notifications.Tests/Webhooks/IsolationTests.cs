using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Publishing.Notifications.Tests.Api;
using Publishing.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Publishing.Notifications.Tests.Webhooks;

public sealed class IsolationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task One_dead_endpoint_among_ten_does_not_delay_the_other_nine()
    {
        const int events = 40;
        var healthy = new List<WebhookReceiver>();
        for (var i = 0; i < 9; i++) healthy.Add(await WebhookReceiver.StartAsync());
        await using var dead = await WebhookReceiver.StartAsync();
        dead.Fallback = Reply.Hanging;
        try
        {
            using var api = new NotificationsApi(settings: new Dictionary<string, string?>
            {
                ["Notifications:Webhooks:AttemptTimeout"] = "00:00:02",
            });
            var admin = await api.AdminAsync();
            await admin.SubscribeAsync(dead.Url, name: "dead");
            foreach (var r in healthy) await admin.SubscribeAsync(r.Url);

            var bus = api.Services.GetRequiredService<IBus>();
            var sentAt = new Dictionary<string, DateTimeOffset>();
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < events; i++)
            {
                var slug = $"drug-{i}";
                sentAt[slug] = DateTimeOffset.UtcNow;
                await bus.Publish(Sample.Published(slug));
                // Spread over a few seconds, so the dead site's timeouts overlap later events.
                await Task.Delay(100);
            }
            await Eventually.Until(() => Task.FromResult(healthy.All(r => r.Count >= events)),
                TimeSpan.FromSeconds(30), "the nine healthy sites to get every event");
            var all = watch.Elapsed;

            // Latency of each event at each healthy site: from its publication to its arrival.
            var latencies = healthy.SelectMany(r => r.Requests)
                .Select(q => (q.At - sentAt[JsonDocument.Parse(q.Body).RootElement.GetProperty("data").GetProperty("slug").GetString()!]).TotalMilliseconds)
                .Order().ToList();
            var p50 = latencies[latencies.Count / 2];
            var max = latencies[^1];
            var message = $"{events} events, 100 ms apart, to 9 healthy sites and 1 hanging one (2 s timeout): " +
                $"all {latencies.Count} healthy deliveries done {all.TotalMilliseconds:0} ms after the first publication; " +
                $"latency publish->arrival p50 {p50:0} ms, max {max:0} ms; the dead site was called {dead.Count} times";
            var rows = await api.WithDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.Include(db.Deliveries, d => d.AttemptLog)));
            var started = rows.Where(d => d.AttemptLog.Count > 0).Select(d => (d.AttemptLog.Min(a => a.At) - d.CreatedAt).TotalMilliseconds).Order().ToList();
            var durations = rows.SelectMany(d => d.AttemptLog).Where(a => a.Status == 200).Select(a => (double)a.DurationMs).Order().ToList();
            message += $"; queued->first attempt p50 {started[started.Count / 2]:0} max {started[^1]:0}; 200-duration p50 {durations[durations.Count / 2]:0} max {durations[^1]:0}";
            var consumed = rows.Select(d => (d.CreatedAt - sentAt[d.Slug]).TotalMilliseconds).Order().ToList();
            message += $"; publish->queued p50 {consumed[consumed.Count / 2]:0} ms, max {consumed[^1]:0} ms";
            output.WriteLine(message);
            Console.WriteLine(message);
            Assert.All(healthy, r => Assert.Equal(events, r.Requests.Select(q => q.WebhookId).Distinct().Count()));
            // Promptly: the typical event is not held up by the dead site's 2 s timeouts at all.
            Assert.True(p50 < 1000, message);
            Assert.True(max < 10_000, message);
            // The breaker opened: the dead site was not called once per event.
            Assert.True(dead.Count < events, message);
        }
        finally
        {
            foreach (var r in healthy) await r.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_site_behind_many_subscriptions_never_gets_more_attempts_at_once_than_its_limit()
    {
        await using var site = await WebhookReceiver.StartAsync();
        site.Delay = TimeSpan.FromMilliseconds(50);
        using var api = new NotificationsApi(settings: new Dictionary<string, string?>
        {
            ["Notifications:Webhooks:MaxConcurrencyPerEndpoint"] = "3",
        });
        var admin = await api.AdminAsync();
        for (var i = 0; i < 4; i++) await admin.SubscribeAsync(site.Url, name: $"site-{i}");

        var bus = api.Services.GetRequiredService<IBus>();
        for (var i = 0; i < 10; i++) await bus.Publish(Sample.Published($"drug-{i}"));

        await site.WaitForAsync(40, TimeSpan.FromSeconds(30));
        await Eventually.Until(async () => await api.WithDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
                db.Deliveries, d => d.State == Publishing.Notifications.Data.DeliveryStates.Delivered)) == 40,
            TimeSpan.FromSeconds(10), "all 40 deliveries recorded as delivered");
        Assert.Equal(40, site.Requests.Select(r => r.WebhookId).Distinct().Count());
        Assert.Equal(40, site.Count);
        // It used the slots it has (rows are claimed ahead of the attempts), and never more.
        Assert.InRange(site.MaxConcurrent, 2, 3);
    }

    [Fact]
    public async Task Claimed_deliveries_go_out_oldest_first_whichever_site_they_are_for()
    {
        await using var first = await WebhookReceiver.StartAsync();
        await using var second = await WebhookReceiver.StartAsync();
        // Slow enough that every event is queued while the first attempts are still running.
        first.Delay = second.Delay = TimeSpan.FromMilliseconds(100);
        using var api = new NotificationsApi(settings: new Dictionary<string, string?>
        {
            ["Notifications:Webhooks:MaxConcurrency"] = "1",
        });
        var admin = await api.AdminAsync();
        await admin.SubscribeAsync(first.Url, name: "first");
        await admin.SubscribeAsync(second.Url, name: "second");

        var bus = api.Services.GetRequiredService<IBus>();
        for (var i = 0; i < 6; i++) await bus.Publish(Sample.Published($"drug-{i}"));
        await first.WaitForAsync(6);
        await second.WaitForAsync(6);

        // One attempt at a time: the order of arrival is the order of sending. Each event's two
        // deliveries are queued together, so neither site waits for the other's later events.
        var sent = first.Requests.Select(r => (r.At, Site: 1)).Concat(second.Requests.Select(r => (r.At, Site: 2)))
            .OrderBy(r => r.At).Select(r => r.Site).ToList();
        for (var n = 1; n <= sent.Count; n++)
        {
            var prefix = sent.Take(n).ToList();
            Assert.True(Math.Abs(prefix.Count(s => s == 1) - prefix.Count(s => s == 2)) <= 2, $"sending order {string.Join(",", sent)}");
        }
    }
}
