using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Publishing.Notifications.Data;
using Publishing.Notifications.Tests.Api;
using Publishing.Notifications.Webhooks;
using Publishing.Testing;
using Xunit;

namespace Publishing.Notifications.Tests.Webhooks;

/// <summary>
/// Two instances on one database: claimed deliveries are leased briefly and renewed while held, so a
/// live instance's rows are never sent by the other, and a dead one's are sent within seconds.
/// </summary>
public sealed class ClaimLeaseTests
{
    /// <summary>The lease a deployment gets, which the test hosts with a fake clock replace unless told.</summary>
    public static readonly string DefaultLease = new WebhookOptions().ClaimLease.ToString();

    [Fact]
    public async Task A_dead_instances_claimed_deliveries_are_sent_by_another_within_ten_seconds()
    {
        const int events = 6;
        await using var receiver = await WebhookReceiver.StartAsync();
        // The first instance's attempts hang, as they do in a process that is about to be killed.
        receiver.Then([.. Enumerable.Repeat(Reply.Hanging, 2)]);
        // Its clock never moves, so it never renews, and its attempts never end: from the database's
        // side it died after claiming.
        using var dead = new NotificationsApi(new FakeTimeProvider(DateTimeOffset.UtcNow), new Dictionary<string, string?>
        {
            ["Notifications:Webhooks:MaxConcurrencyPerEndpoint"] = "2",
            ["Notifications:Webhooks:AttemptTimeout"] = "00:10:00",
            ["Notifications:Webhooks:ClaimLease"] = DefaultLease,
        });
        var admin = await dead.AdminAsync();
        var subscription = await admin.SubscribeAsync(receiver.Url);
        for (var i = 0; i < events; i++) await dead.PublishAndWaitAsync(Sample.Published($"drug-{i}"));
        await receiver.WaitForAsync(2);
        // All six are claimed: two in flight, four waiting for a slot, none of them ever to be finished.
        await Eventually.Until(() => dead.WithDb(db => db.Deliveries.CountAsync(d => d.LockToken != null)),
            n => n == events, what: "every delivery to be claimed by the first instance");

        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var survivor = new NotificationsApi(clock, new Dictionary<string, string?> { ["Notifications:Webhooks:ClaimLease"] = DefaultLease },
            dataDirectory: dead.DataDirectory);
        await survivor.WithDb(db => db.Deliveries.CountAsync());
        clock.Advance(TimeSpan.FromSeconds(10));

        await Eventually.Until(async () => (await survivor.DeliveriesAsync(subscription.Id)).Count(d => d.State == DeliveryStates.Delivered),
            n => n == events, what: "the survivor to deliver every claimed delivery once ten seconds have passed on its clock");
        var ids = (await survivor.DeliveriesAsync(subscription.Id)).Select(d => d.WebhookId).ToHashSet();
        var sentBySurvivor = receiver.Requests.Skip(2).Select(r => r.WebhookId).ToList();
        Assert.Equal(events, sentBySurvivor.Count);
        Assert.Equal(ids, sentBySurvivor.ToHashSet());
    }

    [Fact]
    public async Task A_live_instance_keeps_its_deliveries_while_an_attempt_outlasts_the_lease()
    {
        const int events = 4;
        await using var receiver = await WebhookReceiver.StartAsync();
        // Each attempt takes as long as two and a half leases.
        receiver.Delay = TimeSpan.FromSeconds(5);
        var settings = new Dictionary<string, string?> { ["Notifications:Webhooks:ClaimLease"] = "00:00:02" };
        using var first = new NotificationsApi(settings: settings);
        var admin = await first.AdminAsync();
        var subscription = await admin.SubscribeAsync(receiver.Url);
        // The second instance polls the same deliveries ten times a second meanwhile.
        using var second = new NotificationsApi(settings: settings, dataDirectory: first.DataDirectory);
        await second.WithDb(db => db.Deliveries.CountAsync());

        for (var i = 0; i < events; i++) await first.PublishAndWaitAsync(Sample.Published($"drug-{i}"));
        await Eventually.Until(async () => (await first.DeliveriesAsync(subscription.Id)).Count(d => d.State == DeliveryStates.Delivered),
            n => n == events, what: "every delivery to be delivered");
        await first.WaitUntilNoAttemptInFlightAsync();

        var perWebhook = receiver.Requests.GroupBy(r => r.WebhookId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(events, perWebhook.Count);
        Assert.All(perWebhook, p => Assert.Equal(1, p.Value));
    }
}
