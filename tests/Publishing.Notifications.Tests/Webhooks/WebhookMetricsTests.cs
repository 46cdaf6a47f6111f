using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Publishing.Notifications.Data;
using Publishing.Notifications.Tests.Api;
using Publishing.Notifications.Webhooks;
using Publishing.Testing;
using Xunit;

namespace Publishing.Notifications.Tests.Webhooks;

/// <summary>What an operator's dashboard reads about webhooks: attempts by outcome, and how long a safety delivery has waited.</summary>
public sealed class WebhookMetricsTests
{
    private const string Attempts = "publishing.webhook.attempts";
    private const string SafetyAge = "publishing.webhook.safety_oldest_pending_age";

    [Fact]
    public async Task Attempts_are_counted_by_outcome_and_a_waiting_safety_delivery_shows_its_age_until_delivered()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Fallback = new Reply(500);
        using var api = new NotificationsApi(clock);
        using var meter = new MeterReadings(api.Services);
        var admin = await api.AdminAsync();
        var subscription = await admin.SubscribeAsync(receiver.Url);

        // A clinical change first, then a withdrawal two seconds later: both fail and wait for their retry.
        await api.PublishAndWaitAsync(Sample.Published("imatinib", changeClass: "clinical"));
        await AttemptsRecordedAsync(api, subscription.Id, 1);
        clock.Advance(TimeSpan.FromSeconds(2));
        await api.PublishAndWaitAsync(Sample.Withdrawn("sunitinib"));
        await AttemptsRecordedAsync(api, subscription.Id, 2);
        clock.Advance(TimeSpan.FromSeconds(2));

        // The older clinical delivery does not count: the gauge is the withdrawal's wait.
        Assert.InRange(Assert.Single(meter.Observe(SafetyAge)).Value, 1.9, 2.1);
        Assert.Equal(2, meter.Recorded(Attempts).Count(r => r.Tag("outcome") == "failed"));
        Assert.DoesNotContain(meter.Recorded(Attempts), r => r.Tag("outcome") == "delivered");

        receiver.Fallback = Reply.Ok;
        await api.AdvanceUntilAsync(TimeSpan.FromSeconds(1), async () =>
            (await api.DeliveriesAsync(subscription.Id)).All(d => d.State == DeliveryStates.Delivered), what: "both retries delivered");
        Assert.Equal(0, Assert.Single(meter.Observe(SafetyAge)).Value);
        Assert.Equal(2, meter.Recorded(Attempts).Count(r => r.Tag("outcome") == "delivered"));
    }

    [Fact]
    public async Task The_safety_gauge_reads_one_row_through_its_index_however_long_the_backlog()
    {
        using var api = new NotificationsApi();
        var sql = await api.WithDb(db => Task.FromResult(WebhookMetrics.OldestSafetyPending(db).ToQueryString()));
        await using var connection = new SqliteConnection($"Data Source={Directory.GetFiles(api.DataDirectory, "notifications.db").Single()}");
        await connection.OpenAsync();
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + sql[sql.IndexOf("SELECT", StringComparison.Ordinal)..];
        foreach (var line in sql.Split('\n').Where(l => l.StartsWith(".param set ", StringComparison.Ordinal)))
            explain.Parameters.AddWithValue(line.Split(' ')[2], line.Split(' ')[3]);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.Add(reader.GetString(3));

        // A seek on pending safety rows in id order: no walk over the table or the backlog, no sort.
        Assert.All(plan, step => Assert.DoesNotContain("SCAN", step));
        Assert.All(plan, step => Assert.DoesNotContain("TEMP B-TREE", step));
    }

    private static Task AttemptsRecordedAsync(NotificationsApi api, Guid subscription, int count) =>
        Eventually.Until(async () => (await api.DeliveriesAsync(subscription)).Sum(d => d.AttemptLog.Count(a => a.Token == null)),
            n => n >= count, what: $"{count} attempts recorded");
}
