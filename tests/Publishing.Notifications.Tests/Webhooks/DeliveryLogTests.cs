using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
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
        var attempt = await Eventually.Until(async () => (await api.DeliveriesAsync(subscription.Id)).Single().AttemptLog.FirstOrDefault(),
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
        var attempt = await Eventually.Until(async () => (await api.DeliveriesAsync(subscription.Id)).Single().AttemptLog.FirstOrDefault(),
            a => a is not null, what: "the refused attempt");
        Assert.Null(attempt!.Status);
        Assert.Equal("connection refused", attempt.Error);
    }

    [Fact]
    public async Task Remote_text_an_earlier_version_logged_is_rewritten_by_the_migration()
    {
        using var data = new TempDirectory();
        var options = new DbContextOptionsBuilder<NotificationsDbContext>()
            .UseSqlite($"Data Source={Path.Combine(data.Path, "notifications.db")};Pooling=False").Options;
        await using var db = new NotificationsDbContext(options);
        var migrations = db.Database.GetMigrations().ToList();
        var before = migrations[migrations.FindIndex(m => m.EndsWith("_DeliveryLogWithoutRemoteBodies", StringComparison.Ordinal)) - 1];
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(before);

        var subscription = new Subscription
        {
            Id = Guid.NewGuid(), Name = "Old", Url = "https://a.example.org/hook", Events = "[]", Secret = "whsec_x",
            OwnerId = "admin-1", OwnerName = "Admin", CreatedAt = DateTimeOffset.UtcNow,
        };
        var delivery = new Delivery
        {
            SubscriptionId = subscription.Id, WebhookId = "msg_1", Endpoint = "https://a.example.org", EventType = "content.published",
            Slug = "imatinib", Payload = "{}", LastError = $"HTTP 500 Internal Server Error: {RemoteBody}",
            AttemptLog =
            [
                new() { At = DateTimeOffset.UtcNow, Status = 500, Error = $"HTTP 500 Internal Server Error: {RemoteBody}" },
                new() { At = DateTimeOffset.UtcNow, Status = 307, Error = "HTTP 307 Temporary Redirect (redirect to http://10.0.0.5/INTERNAL-ONLY not followed)" },
                new() { At = DateTimeOffset.UtcNow, Status = null, Error = "Received an invalid status line: 'INTERNAL-ONLY'." },
                new() { At = DateTimeOffset.UtcNow, Status = null, Error = "No response within 15 s." },
                new() { At = DateTimeOffset.UtcNow, Status = 204, Error = null },
            ],
        };
        db.Subscriptions.Add(subscription);
        db.Deliveries.Add(delivery);
        await db.SaveChangesAsync();

        await migrator.MigrateAsync();

        db.ChangeTracker.Clear();
        var errors = await db.DeliveryAttempts.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Error).ToListAsync();
        Assert.Equal(
            [
                "HTTP 500 from the endpoint", "HTTP 307 from the endpoint: redirects are not followed",
                "no response (the detail recorded by an earlier version was removed)", "No response within 15 s.", null,
            ],
            errors);
        Assert.Equal("HTTP 500 from the endpoint", (await db.Deliveries.AsNoTracking().SingleAsync()).LastError);
    }
}
