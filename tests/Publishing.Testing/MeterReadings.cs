using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Publishing.ServiceDefaults.Telemetry;

namespace Publishing.Testing;

/// <summary>One measurement: the value and its tags.</summary>
public sealed record Reading(double Value, IReadOnlyDictionary<string, object?> Tags)
{
    public string? Tag(string name) => Tags.TryGetValue(name, out var v) ? v?.ToString() : null;
    public override string ToString() => $"{Value} {{{string.Join(", ", Tags.Select(t => $"{t.Key}={t.Value}"))}}}";
}

/// <summary>
/// Listens to one host's Publishing meter (other hosts in the test run have their own), as an exporter
/// would: its gauges are read on demand, what its counters and histograms record is kept.
/// </summary>
public sealed class MeterReadings : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, Reading Reading)> _recorded = new();
    private readonly Lock _observing = new();

    public MeterReadings(IServiceProvider services)
    {
        var scope = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PublishingMeter.Name && ReferenceEquals(instrument.Meter.Scope, scope))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _recorded.Enqueue((instrument.Name, new Reading(value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));

    /// <summary>Reads every gauge now and returns what the named one said.</summary>
    public IReadOnlyList<Reading> Observe(string instrument)
    {
        lock (_observing)
        {
            var before = _recorded.Count;
            _listener.RecordObservableInstruments();
            return _recorded.Skip(before).Where(r => r.Instrument == instrument).Select(r => r.Reading).ToList();
        }
    }

    /// <summary>Everything the named counter or histogram recorded so far.</summary>
    public IReadOnlyList<Reading> Recorded(string instrument) =>
        _recorded.Where(r => r.Instrument == instrument).Select(r => r.Reading).ToList();

    public void Dispose() => _listener.Dispose();
}
