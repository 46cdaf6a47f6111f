using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Publishing.Messaging.Workers;
using Publishing.ServiceDefaults.Telemetry;

namespace Publishing.Messaging.ErrorQueues;

public sealed class ErrorQueueOptions
{
    /// <summary>How often the depth of each error queue is read for health and metrics.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>The depths last read, or why they could not be.</summary>
public sealed record ErrorQueueReading(DateTimeOffset At, IReadOnlyDictionary<string, long> Depths, string? Problem);

/// <summary>
/// Reads the depth of this host's error queues every <see cref="ErrorQueueOptions.PollInterval"/> (and at
/// once after an operator changed one), for the health check (<see cref="ErrorQueueHealthCheck"/>) and the
/// gauge <c>publishing.error_queue.depth</c> (tag <c>queue</c>) on the Publishing meter, which both read
/// the last reading instead of asking the broker themselves.
/// </summary>
public sealed class ErrorQueueMonitor : BackgroundService
{
    private readonly ErrorQueueBroker _broker;
    private readonly ServiceQueues _queues;
    private readonly TimeProvider _clock;
    private readonly ILogger<ErrorQueueMonitor> _log;
    private readonly TimeSpan _interval;
    private readonly WakeSignal _wake = new();
    private volatile ErrorQueueReading? _latest;

    public ErrorQueueMonitor(
        ErrorQueueBroker broker, ServiceQueues queues, IOptions<ErrorQueueOptions> options, IMeterFactory meters,
        TimeProvider clock, ILogger<ErrorQueueMonitor> log)
    {
        _broker = broker;
        _queues = queues;
        _clock = clock;
        _log = log;
        _interval = options.Value.PollInterval;
        meters.Create(PublishingMeter.Name).CreateObservableGauge("publishing.error_queue.depth", Measure, "{message}",
            "Messages waiting in each of this service's error queues");
    }

    public ErrorQueueReading? Latest => _latest;

    /// <summary>Takes depths an operation just read, and reads again soon after one changed a queue.</summary>
    public void Record(IReadOnlyDictionary<string, long> depths) => _latest = new ErrorQueueReading(_clock.GetUtcNow(), depths, null);

    public void Changed() => _wake.Notify();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => new DrainLoop(_clock)
    {
        Signal = _wake,
        Interval = _interval,
        OnFailure = e =>
        {
            if (_latest?.Problem is null) _log.LogWarning("Error queues could not be read: {Problem}", e.Message);
            _latest = new ErrorQueueReading(_clock.GetUtcNow(), _latest?.Depths ?? new Dictionary<string, long>(), e.Message);
        },
    }.RunAsync(async ct =>
    {
        var queues = _queues.ErrorQueues;
        if (queues.Count == 0) return false; // the bus has not configured its endpoints yet
        Record(await _broker.DepthsAsync(queues, ct));
        return false;
    }, stoppingToken);

    private IEnumerable<Measurement<long>> Measure() =>
        (_latest?.Depths ?? new Dictionary<string, long>())
            .Select(d => new Measurement<long>(d.Value, new KeyValuePair<string, object?>("queue", d.Key)));
}
