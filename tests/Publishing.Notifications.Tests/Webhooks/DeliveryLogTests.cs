using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Publishing.Notifications.Data;
using Publishing.Notifications.Tests.Api;
using Publishing.Testing;
using Xunit;

namespace Publishing.Notifications.Tests.Webhooks;

/// <summary>The delivery log keeps the status, the duration and a short reason of ours, never what a site answered.</summary>
public sealed class DeliveryLogTests
{
    private const string RemoteBody = "INTERNAL-ONLY: SqlException at db-prod-7.corp.local, connection string Password=hunter2";

    [Fact]
    public async Task A_failing_endpoints_error_page_never_reaches_the_log_or_the_deliveries_api()
    {
        await using var receiver = await WebhookReceiver.StartAsync("127.0.0.1", new Reply(500, Body: RemoteBody));
        using var api = new NotificationsApi();
        var admin = await api.AdminAsync();
        var subscription = await admin.SubscribeAsync(receiver.Url);

        await api.PublishAndWaitAsync(Sample.Published("imatinib"));
        var delivery = await Eventually.Until(async () => (await api.DeliveriesAsync(subscription.Id)).Single(),
            d => d.AttemptLog.Count == 1 && d.LockToken is null, what: "the failed attempt");

        var attempt = delivery.AttemptLog.Single();
        Assert.Equal(500, attempt.Status);
        Assert.Equal("HTTP 500 from the endpoint", attempt.Error);
        Assert.Equal("HTTP 500 from the endpoint", delivery.LastError);
        var log = await admin.GetStringAsync($"/api/subscriptions/{subscription.Id}/deliveries");
        Assert.Contains("HTTP 500 from the endpoint", log);
        Assert.DoesNotContain("INTERNAL-ONLY", log);
        Assert.DoesNotContain("hunter2", log);
        var stored = await api.WithDb(db => db.DeliveryAttempts.AsNoTracking().Select(a => a.Error).ToListAsync());
        Assert.DoesNotContain(stored, e => e != null && e.Contains("INTERNAL-ONLY"));
    }

    [Fact]
    public async Task Retry_After_is_told_in_our_words()
    {
        await using var receiver = await WebhookReceiver.StartAsync("127.0.0.1",
            new Reply(503, new Dictionary<string, string> { ["Retry-After"] = "120" }, Body: RemoteBody));
        using var api = new NotificationsApi();
        var admin = await api.AdminAsync();
        var subscription = await admin.SubscribeAsync(receiver.Url);

        await api.PublishAndWaitAsync(Sample.Published("imatinib"));
        var attempt = await Eventually.Until(async () => (await api.DeliveriesAsync(subscription.Id)).Single().AttemptLog.FirstOrDefault(a => a.Token == null),
            a => a is not null, what: "the failed attempt");
        Assert.Equal("HTTP 503 from the endpoint, asked to retry after 120 s", attempt!.Error);
    }

    [Fact]
    public async Task A_closed_port_is_logged_as_connection_refused()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        using var api = new NotificationsApi();
        var admin = await api.AdminAsync();
        var subscription = await admin.SubscribeAsync(new Uri($"http://127.0.0.1:{port}/hook"));

        await api.PublishAndWaitAsync(Sample.Published("imatinib"));
        var attempt = await Eventually.Until(async () => (await api.DeliveriesAsync(subscription.Id)).Single().AttemptLog.FirstOrDefault(a => a.Token == null),
            a => a is not null, what: "the refused attempt");
        Assert.Null(attempt!.Status);
        Assert.Equal("connection refused", attempt.Error);
    }

    [Fact]
    public async Task An_attempt_whose_process_died_is_in_the_log_as_interrupted_before_the_retry_that_delivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync("127.0.0.1", Reply.Hanging);
        // Its clock never moves (so it never renews) and its attempt never ends: it died mid-request.
        using var dead = new NotificationsApi(new FakeTimeProvider(DateTimeOffset.UtcNow),
            new Dictionary<string, string?>
            {
                ["Notifications:Webhooks:AttemptTimeout"] = "00:10:00",
                ["Notifications:Webhooks:ClaimLease"] = ClaimLeaseTests.DefaultLease,
            });
        var admin = await dead.AdminAsync();
        var subscription = await admin.SubscribeAsync(receiver.Url);
        await dead.PublishAndWaitAsync(Sample.Published("imatinib"));
        await receiver.WaitForAsync(1);
        var sending = (await admin.DeliveriesAsync(subscription.Id))[0].GetProperty("attempts");
        Assert.Equal("sending", Assert.Single(sending.EnumerateArray()).GetProperty("outcome").GetString());

        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var restarted = new NotificationsApi(clock,
            new Dictionary<string, string?> { ["Notifications:Webhooks:ClaimLease"] = ClaimLeaseTests.DefaultLease }, dead.DataDirectory);
        var after = await restarted.AdminAsync();
        clock.Advance(TimeSpan.FromSeconds(10));
        await receiver.WaitForAsync(2);
        var delivery = await Eventually.Until(async () => (await after.DeliveriesAsync(subscription.Id))[0],
            d => d.GetProperty("state").GetString() == DeliveryStates.Delivered, what: "the retry to be delivered");

        var attempts = delivery.GetProperty("attempts").EnumerateArray().ToList();
        Assert.Equal(["interrupted", "delivered"], attempts.Select(a => a.GetProperty("outcome").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, attempts[0].GetProperty("status").ValueKind);
        Assert.StartsWith("interrupted", attempts[0].GetProperty("error").GetString());
        Assert.Equal(200, attempts[1].GetProperty("status").GetInt32());
        Assert.Equal(receiver.Requests[0].WebhookId, receiver.Requests[1].WebhookId);
    }
}
