using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Publishing.Messaging.Bus;

/// <summary>
/// Readiness of the bus: ready only while it is connected and every receive endpoint is running.
/// MassTransit's own check reports a lost broker, or an endpoint not consuming, as Degraded, which
/// the health endpoints answer with 200; a load balancer or an orchestrator would then keep routing
/// to an instance whose events go nowhere. So anything short of healthy is unhealthy here (503),
/// naming the endpoints that are not running, and MassTransit's check is kept off readiness.
/// </summary>
public sealed class BusReadinessCheck(IBusControl bus) : IHealthCheck
{
    public const string Name = "bus";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = bus.CheckHealth();
        if (health.Status == BusHealthStatus.Healthy)
            return Task.FromResult(HealthCheckResult.Healthy(health.Description));

        var down = health.Endpoints.Where(e => e.Value.Status != BusHealthStatus.Healthy).Select(e => e.Key).Order().ToList();
        var description = down.Count == 0
            ? $"The bus is {health.Status.ToString().ToLowerInvariant()}: {health.Description}"
            : $"The bus is {health.Status.ToString().ToLowerInvariant()}; endpoints not running: {string.Join(", ", down)}";
        // The cause's message, not the exception: every probe while the broker is away would log its stack trace.
        if (health.Exception?.GetBaseException().Message is { } cause) description += $" ({cause})";
        return Task.FromResult(HealthCheckResult.Unhealthy(description));
    }
}
