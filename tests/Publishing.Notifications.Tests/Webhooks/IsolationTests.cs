using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Publishing.Notifications.Tests.Api;
using Publishing.Notifications.Webhooks;
using Publishing.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Publishing.Notifications.Tests.Webhooks;

public sealed class IsolationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task One_dead_endpoint_among_ten_does_not_hold_up_the_other_nine()
    {
        const int events = 40;
        var healthy = new List<WebhookReceiver>();
        for (var i = 0; i < 9; i++) healthy.Add(await WebhookReceiver.StartAsync());
        await using var dead = await WebhookReceiver.StartAsync();
        dead.Fallback = Reply.Hanging;
        try
        {
            // The dead site's attempts end only when this test is long over: if any healthy delivery
            // queued behind one of them, the healthy sites would not get every event before the test gives up.
            using var api = new NotificationsApi(settings: new Dictionary<string, string?>
            {
                ["Notifications:Webhooks:AttemptTimeout"] = "00:10:00",
            });
            var admin = await api.AdminAsync();
            await admin.SubscribeAsync(dead.Url, name: "dead");
            foreach (var r in healthy) await admin.SubscribeAsync(r.Url);

            var bus = api.Services.GetRequiredService<IBus>();
            for (var i = 0; i < events; i++)
            {
                await bus.Publish(Sample.Published($"drug-{i}"));
                // Spread out, so later events arrive while the dead site holds its first attempts.
                await Task.Delay(50);
            }
            await Eventually.Until(() => Task.FromResult(healthy.All(r => r.Count >= events)),
                TimeSpan.FromSeconds(60), "the nine healthy sites to get every event while the dead one hangs");

            var deadEndpoint = EndpointBreakers.KeyOf(dead.Url.ToString());
            var finishedAtDead = await api.WithDb(db => db.DeliveryAttempts.AsNoTracking()
                .CountAsync(a => a.Token == null && db.Deliveries.Any(d => d.Id == a.DeliveryId && d.Endpoint == deadEndpoint)));
            var message = $"{events} events to 9 healthy sites and 1 hanging one: the dead site was called {dead.Count} times " +
                $"and {finishedAtDead} attempts at it have ended";
            output.WriteLine(message);
            Assert.All(healthy, r => Assert.Equal(events, r.Requests.Select(q => q.WebhookId).Distinct().Count()));
            Assert.Equal(0, finishedAtDead);
            // The hanging site holds no more of the worker's slots than one endpoint may.
            Assert.InRange(dead.Count, 1, new WebhookOptions().MaxConcurrencyPerEndpoint);
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
