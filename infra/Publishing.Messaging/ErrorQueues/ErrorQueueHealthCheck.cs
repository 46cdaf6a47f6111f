using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Publishing.Messaging.ErrorQueues;

/// <summary>
/// Degraded while any of this host's error queues holds a message, naming each: the service still works
/// (readiness stays 200), but something it received failed and waits for an operator
/// (<c>/api/admin/error-queues</c>).
/// </summary>
public sealed class ErrorQueueHealthCheck(ErrorQueueMonitor monitor) : IHealthCheck
{
    public const string Name = "error-queues";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (monitor.Latest is not { } reading)
            return Task.FromResult(HealthCheckResult.Healthy("The error queues have not been read yet."));
        var waiting = reading.Depths.Where(d => d.Value > 0).OrderBy(d => d.Key, StringComparer.Ordinal).ToList();
        if (waiting.Count > 0)
        {
            var data = waiting.ToDictionary(d => d.Key, d => (object)d.Value);
            return Task.FromResult(HealthCheckResult.Degraded(
                "Messages wait in error queues: " + string.Join(", ", waiting.Select(d => $"{d.Key} ({d.Value})")) + ".", data: data));
        }
        return Task.FromResult(HealthCheckResult.Healthy(reading.Problem is null
            ? "No message waits in an error queue."
            : $"The error queues could not be read: {reading.Problem}"));
    }
}
