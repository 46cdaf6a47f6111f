using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Publishing.Notifications.Data;
using Publishing.Notifications.Tests.Api;
using Publishing.Testing;
using Xunit;

namespace Publishing.Notifications.Tests.Webhooks;

/// <summary>The retry schedule, Retry-After, 410, timeouts and re-drive, against real receivers; a fake clock drives time.</summary>
public sealed class RetryTests
{
    private static FakeTimeProvider Clock() => new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Two_500s_then_a_200_make_three_attempts_with_one_webhook_id_all_logged()
    {
        await using var receiver = await WebhookReceiver.StartAsync("127.0.0.1", new Reply(500), new Reply(500), Reply.Ok);
        await using var marker = await WebhookReceiver.StartAsync();
        using var api = new NotificationsApi(Clock());
        var admin = await api.AdminAsync();
        var subscription = await admin.SubscribeAsync(receiver.Url, filter: new { slugs = new[] { "imatinib" } });
        await admin.SubscribeAsync(marker.Url, filter: new { slugs = new[] { "sunitinib" } }, name: "Marker site");

        await api.PublishAndWaitAsync(Sample.Published("imatinib"));
        await AttemptsRecordedAsync(api, subscription.Id, 1);
        // Nothing before the first retry is due (5 s ± 10%). Another site's delivery, queued once the
        // clock has moved, is claimed at that time, and claims take the oldest due rows first: once it
        // has arrived and nothing is in flight, a retry due by then would have reached the receiver.
        api.Clock!.Advance(TimeSpan.FromSeconds(4));
        await api.PublishAndWaitAsync(Sample.Published("sunitinib"));
        await marker.WaitForAsync(1);
        await api.WaitUntilNoAttemptInFlightAsync();
        Assert.Equal(1, receiver.Count);

        await api.AdvanceUntilAsync(TimeSpan.FromSeconds(1), () => Task.FromResult(receiver.Count >= 2), what: "the first retry");
        await AttemptsRecordedAsync(api, subscription.Id, 2);
        await api.AdvanceUntilAsync(TimeSpan.FromSeconds(30), () => Task.FromResult(receiver.Count >= 3), what: "the second retry");
        var delivery = await Eventually.Until(async () => (await api.DeliveriesAsync(subscription.Id)).Single(),
            d => d.State == DeliveryStates.Delivered, what: "the delivery to be recorded delivered");

        Assert.Equal(3, receiver.Count);
        Assert.Single(receiver.Requests.Select(r => r.WebhookId).Distinct());
        Assert.Equal(delivery.WebhookId, receiver.Requests[0].WebhookId);
        var attempts = delivery.AttemptLog.OrderBy(a => a.Id).ToList();
        Assert.Equal([500, 500, 200], attempts.Select(a => a.Status ?? 0));
        Assert.All(attempts.Take(2), a => Assert.Contains("500", a.Error));
        Assert.InRange(attempts[1].At - attempts[0].At, TimeSpan.FromSeconds(4.5), TimeSpan.FromSeconds(8));
        Assert.InRange(attempts[2].At - attempts[1].At, TimeSpan.FromMinutes(4.5), TimeSpan.FromMinutes(6));

        // The API shows the same log.
        var log = (await admin.DeliveriesAsync(subscription.Id))[0];
        Assert.Equal("delivered", log.GetProperty("state").GetString());
        Assert.Equal(3, log.GetProperty("attempts").GetArrayLength());
    }

    [Fact]
    public async Task Retry_After_on_429_and_503_is_honoured_in_seconds_and_as_a_date()
    {
        var clock = Clock();
        await using var receiver = await WebhookReceiver.StartAsync("127.0.0.1",
            new Reply(429, new Dictionary<string, string> { ["Retry-After"] = "120" }));
        using var api = new NotificationsApi(clock);
        var admin = await api.AdminAsync();
        var subscription = await admin.SubscribeAsync(receiver.Url);

        await api.PublishAndWaitAsync(Sample.Published("sunitinib"));
        await AttemptsRecordedAsync(api, subscription.Id, 1);
        // The schedule alone would retry after 5 s; the site asked for 120 s.
        var until = clock.GetUtcNow() + TimeSpan.FromMinutes(10);
        receiver.Then(new Reply(503, new Dictionary<string, string> { ["Retry-After"] = until.ToString("R") }));
        await api.AdvanceUntilAsync(TimeSpan.FromSeconds(5), () => Task.FromResult(receiver.Count >= 2), what: "the retry after 429");
        await AttemptsRecordedAsync(api, subscription.Id, 2);
        await api.AdvanceUntilAsync(TimeSpan.FromSeconds(20), () => Task.FromResult(receiver.Count >= 3), what: "the retry after 503");
        var delivery = await Eventually.Until(async () => (await api.DeliveriesAsync(subscription.Id)).Single(),
            d => d.State == DeliveryStates.Delivered, what: "delivered");

        var attempts = delivery.AttemptLog.OrderBy(a => a.Id).ToList();
        Assert.Equal([429, 503, 200], attempts.Select(a => a.Status ?? 0));
        Assert.InRange(attempts[1].At - attempts[0].At, TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(140));
        // The date form: not before the date (to the second), though the schedule said about five minutes.
        Assert.InRange(attempts[2].At, until - TimeSpan.FromSeconds(1), until + TimeSpan.FromSeconds(40));
        Assert.True(attempts[2].At - attempts[1].At > TimeSpan.FromMinutes(5.5));
    }

    [Fact]
    public async Task A_410_disables_the_subscription_stops_its_deliveries_and_tells_the_owner()
    {
        await using var receiver = await WebhookReceiver.StartAsync("127.0.0.1", new Reply(410));
        using var api = new NotificationsApi();
        var admin = await api.AdminAsync("admin-1");
        var subscription = await admin.SubscribeAsync(receiver.Url, name: "Gone site");

        await api.PublishAndWaitAsync(Sample.Published("pazopanib"));
        await receiver.WaitForAsync(1);
        var view = await Eventually.Until(() => admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/subscriptions/{subscription.Id}"),
            s => s.GetProperty("state").GetString() == "disabled", what: "the subscription to be disabled");
        Assert.Contains("410", view.GetProperty("disabledReason").GetString());
        var delivery = (await api.DeliveriesAsync(subscription.Id)).Single();
        Assert.Equal(DeliveryStates.Disabled, delivery.State);
        Assert.Equal(410, Assert.Single(delivery.AttemptLog).Status);

        // Nothing more is queued or sent for it: the next publication has been handled (queuing nothing
        // for it), and once nothing queued is pending no request can still be on its way.
        await api.PublishAndWaitAsync(Sample.Published("pazopanib", revision: 2));
        await api.WaitUntilAllQueuedSentAsync();
        Assert.Single(await api.DeliveriesAsync(subscription.Id));
        Assert.Equal(1, receiver.Count);

        // The owner (admin-1 of the dev staff directory) is told by e-mail.
        var file = await Eventually.Until(() => Task.FromResult(Directory.Exists(api.PickupDirectory)
                ? Directory.GetFiles(api.PickupDirectory, "*.eml") : []), f => f.Length > 0, what: "the e-mail to the owner");
        var mail = MimeKit.MimeMessage.Load(Assert.Single(file));
        Assert.Equal("admin-1@example.org", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("Webhook subscription disabled: Gone site", mail.Subject);
    }

    [Fact]
    public async Task A_hanging_receiver_is_cut_at_the_attempt_timeout()
    {
        await using var receiver = await WebhookReceiver.StartAsync("127.0.0.1", Reply.Hanging);
        using var api = new NotificationsApi(settings: new Dictionary<string, string?>
        {
            ["Notifications:Webhooks:AttemptTimeout"] = "00:00:01",
        });
        var admin = await api.AdminAsync();
        var subscription = await admin.SubscribeAsync(receiver.Url);

        await api.PublishAndWaitAsync(Sample.Published("olaratumab"));
        var attempt = await Eventually.Until(async () => (await api.DeliveriesAsync(subscription.Id)).SingleOrDefault()?.AttemptLog.FirstOrDefault(a => a.Token == null),
            a => a is not null, what: "the timed-out attempt");

        Assert.Null(attempt!.Status);
        Assert.Equal("timed out after 1 s", attempt.Error);
        Assert.InRange(attempt.DurationMs, 900, 5000);
        var delivery = (await api.DeliveriesAsync(subscription.Id)).Single();
        Assert.Equal(DeliveryStates.Pending, delivery.State);
        Assert.Equal(1, delivery.RetryStep);
    }

    [Fact]
    public async Task A_re_drive_sends_a_delivered_webhook_again_with_the_same_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = new NotificationsApi();
        var admin = await api.AdminAsync();
        var subscription = await admin.SubscribeAsync(receiver.Url);
        await api.PublishAndWaitAsync(Sample.Published("trabectedin"));
        await receiver.WaitForAsync(1);
        var delivery = await Eventually.Until(async () => (await api.DeliveriesAsync(subscription.Id)).Single(),
            d => d.State == DeliveryStates.Delivered, what: "delivered");

        var response = await admin.PostAsync($"/api/subscriptions/{subscription.Id}/deliveries/{delivery.Id}/redeliver", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await receiver.WaitForAsync(2);
        Assert.Equal(receiver.Requests[0].WebhookId, receiver.Requests[1].WebhookId);
        await Eventually.Until(async () => (await api.DeliveriesAsync(subscription.Id)).Single(),
            d => d.State == DeliveryStates.Delivered && d.AttemptLog.Count == 2, what: "the re-drive logged");

        var missing = await admin.PostAsync($"/api/subscriptions/{subscription.Id}/deliveries/999999/redeliver", null);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_subscription_failing_for_five_days_is_disabled_and_its_owner_told()
    {
        var clock = Clock();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Fallback = new Reply(500);
        // The clock moves 30 minutes a step; a claim's lease (an hour on a test host with a fake clock)
        // must outlast a step, or a claim that lands just as the clock moves is taken for a dead
        // sender's. An attempt must outlast a step too.
        using var api = new NotificationsApi(clock, new Dictionary<string, string?> { ["Notifications:Webhooks:AttemptTimeout"] = "00:04:00" });
        var admin = await api.AdminAsync("admin-1");
        var subscription = await admin.SubscribeAsync(receiver.Url, name: "Dead site");

        await api.PublishAndWaitAsync(Sample.Published("imatinib"));
        // The first delivery exhausts its schedule (ten attempts over about three days).
        await api.AdvanceUntilAsync(TimeSpan.FromMinutes(30),
            async () => (await api.DeliveriesAsync(subscription.Id)).Single().State == DeliveryStates.Failed, maxSteps: 400,
            what: "the first delivery to fail");
        Assert.Equal(10, receiver.Count);
        Assert.Equal(10, (await api.DeliveriesAsync(subscription.Id)).Single().AttemptLog.Count);

        // A later event keeps failing until five days after the first failure: then it is disabled.
        await api.PublishAndWaitAsync(Sample.Published("imatinib", revision: 2));
        await api.AdvanceUntilAsync(TimeSpan.FromMinutes(30),
            async () => await api.WithDb(db => db.Subscriptions.AnyAsync(s => s.Id == subscription.Id && s.State == SubscriptionStates.Disabled)),
            maxSteps: 400, what: "the subscription to be disabled");
        var s = await api.WithDb(db => db.Subscriptions.SingleAsync(x => x.Id == subscription.Id));
        Assert.True(s.DisabledAt - s.FailingSince >= TimeSpan.FromDays(5));
        var second = (await api.DeliveriesAsync(subscription.Id)).Last();
        Assert.Equal(DeliveryStates.Disabled, second.State);

        await api.WithDb(async db =>
        {
            var mail = await db.OutgoingEmails.SingleAsync(m => m.Kind == "subscription-disabled");
            Assert.Equal("admin-1@example.org", mail.ToAddress);
            return 0;
        });
    }

    /// <summary>Waits (in real time) until the attempts are recorded, so the next retry is scheduled from the clock as it is now.</summary>
    private static Task AttemptsRecordedAsync(NotificationsApi api, Guid subscription, int count) =>
        Eventually.Until(async () => (await api.DeliveriesAsync(subscription)).SingleOrDefault()?.AttemptLog.Count(a => a.Token == null) ?? 0,
            n => n >= count, what: $"{count} attempts recorded");
}
