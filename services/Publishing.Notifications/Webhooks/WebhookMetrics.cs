using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Publishing.Notifications.Data;
using Publishing.ServiceDefaults.Telemetry;

namespace Publishing.Notifications.Webhooks;

/// <summary>
/// Webhook measurements on the Publishing meter: <c>publishing.webhook.attempts</c>, a counter of
/// attempts by <c>outcome</c> (<c>delivered</c> or <c>failed</c>), whose ratio is the success rate; and
/// <c>publishing.webhook.safety_oldest_pending_age</c>, seconds since the oldest safety delivery still
/// pending (a withdrawal or a safety change a subscriber has not had yet; 0 when none), read through
/// its own index only when an exporter collects.
/// </summary>
public sealed class WebhookMetrics
{
    private readonly Counter<long> _attempts;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly ILogger<WebhookMetrics> _log;

    public WebhookMetrics(IServiceProvider services, IServiceScopeFactory scopes, TimeProvider clock, ILogger<WebhookMetrics> log)
    {
        _scopes = scopes;
        _clock = clock;
        _log = log;
        var meter = PublishingMeter.Create(services);
        _attempts = meter.CreateCounter<long>("publishing.webhook.attempts", "{attempt}", "Webhook attempts made, by outcome");
        meter.CreateObservableGauge("publishing.webhook.safety_oldest_pending_age", OldestSafetyPendingAge, "s",
            "Seconds since the oldest safety delivery still pending was queued");
    }

    public void Attempted(AttemptResult result) =>
        _attempts.Add(1, new KeyValuePair<string, object?>("outcome", result.Delivered ? "delivered" : "failed"));

    /// <summary>When the oldest pending safety delivery was queued: one seek on <c>IX_Deliveries_Safety</c>.</summary>
    public static IQueryable<DateTimeOffset?> OldestSafetyPending(NotificationsDbContext db) =>
        db.Deliveries.AsNoTracking()
            .Where(d => d.State == DeliveryStates.Pending && d.Safety)
            .OrderBy(d => d.Id).Select(d => (DateTimeOffset?)d.CreatedAt).Take(1);

    private IEnumerable<Measurement<double>> OldestSafetyPendingAge()
    {
        DateTimeOffset? oldest;
        try
        {
            using var scope = _scopes.CreateScope();
            oldest = OldestSafetyPending(scope.ServiceProvider.GetRequiredService<NotificationsDbContext>()).FirstOrDefault();
        }
        catch (Exception ex)
        {
            _log.LogWarning(ex, "Could not measure the oldest pending safety delivery");
            return [];
        }
        return [new Measurement<double>(oldest is { } at ? Math.Max(0, (_clock.GetUtcNow() - at).TotalSeconds) : 0)];
    }
}
