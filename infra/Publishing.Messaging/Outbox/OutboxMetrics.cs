using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Publishing.ServiceDefaults.Telemetry;

namespace Publishing.Messaging.Outbox;

/// <summary>One context's unsent outbox rows, as its gauges read them.</summary>
public interface IOutboxBacklog
{
    string Context { get; }

    /// <returns>The unsent rows (counted up to <see cref="OutboxMetrics.BacklogCap"/>) and when the oldest of them was written.</returns>
    (long Unsent, DateTimeOffset? OldestCreatedAt) Read();
}

public sealed class OutboxBacklog<TDbContext>(IServiceScopeFactory scopes) : IOutboxBacklog where TDbContext : DbContext
{
    public string Context => typeof(TDbContext).Name;

    // Both read the unsent rows through IX_OutboxMessages_Unsent, never the sent history.
    public (long Unsent, DateTimeOffset? OldestCreatedAt) Read()
    {
        using var scope = scopes.CreateScope();
        var unsent = scope.ServiceProvider.GetRequiredService<TDbContext>().Set<OutboxMessage>().AsNoTracking().Where(m => m.SentAt == null);
        var count = unsent.Take(OutboxMetrics.BacklogCap).Count();
        var oldest = count == 0 ? null : unsent.OrderBy(m => m.Sequence).Select(m => (DateTimeOffset?)m.CreatedAt).FirstOrDefault();
        return (count, oldest);
    }
}

/// <summary>
/// The outbox's gauges on the Publishing meter, one measurement per context (tag <c>context</c>):
/// <c>publishing.outbox.backlog</c>, its unsent rows, and <c>publishing.outbox.oldest_age</c>, seconds
/// since the oldest of them was written (0 when none). A growing age means events are not leaving
/// (the broker is down or refuses them). Read only when an exporter collects; a context whose database
/// cannot be read then reports nothing.
/// </summary>
public sealed class OutboxMetrics(IEnumerable<IOutboxBacklog> backlogs, IServiceProvider services, TimeProvider clock, ILogger<OutboxMetrics> log)
    : IHostedService
{
    /// <summary>Counting stops here, so a huge backlog costs no more to measure than this many rows.</summary>
    public const int BacklogCap = 100_000;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var meter = PublishingMeter.Create(services);
        meter.CreateObservableGauge("publishing.outbox.backlog",
            () => Measure(b => b.Unsent), "{message}", $"Unsent outbox rows, counted up to {BacklogCap}");
        meter.CreateObservableGauge("publishing.outbox.oldest_age",
            () => Measure(b => b.OldestCreatedAt is { } at ? Math.Max(0, (clock.GetUtcNow() - at).TotalSeconds) : 0), "s",
            "Seconds since the oldest unsent outbox row was written");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private List<Measurement<double>> Measure(Func<(long Unsent, DateTimeOffset? OldestCreatedAt), double> value)
    {
        var measurements = new List<Measurement<double>>();
        foreach (var backlog in backlogs)
        {
            try
            {
                measurements.Add(new Measurement<double>(value(backlog.Read()), new KeyValuePair<string, object?>("context", backlog.Context)));
            }
            catch (Exception ex)
            {
                log.LogWarning(ex, "Could not measure the outbox of {Context}", backlog.Context);
            }
        }
        return measurements;
    }
}
