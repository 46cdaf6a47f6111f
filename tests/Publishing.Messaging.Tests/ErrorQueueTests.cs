using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Publishing.Messaging.ErrorQueues;
using Publishing.Testing;
using Xunit;

namespace Publishing.Messaging.Tests;

/// <summary>
/// What an operator sees and does about a message that failed for good: it shows in health and metrics,
/// can be read with its exception, moved back once the cause is fixed (applied once), or purged.
/// </summary>
[Collection(RabbitMqFixture.Collection)]
public sealed class ErrorQueueTests(RabbitMqFixture rabbit) : IDisposable
{
    private const string ErrorQueue = "tests-apply-note_error";
    private readonly TempDirectory _data = new();

    private async Task<MessagingHost> StartAsync() => await MessagingHost.StartAsync(await rabbit.CreateVirtualHostAsync(), _data.Path, new()
    {
        ["Messaging:Retry:UnclassifiedRetries"] = "0", // a bug's message goes to the error queue at once
        ["Messaging:ErrorQueues:PollInterval"] = "00:00:00.500",
    });

    private static Task<long> DepthAsync(MessagingHost host) =>
        host.Services.GetRequiredService<ErrorQueueBroker>().DepthsAsync([ErrorQueue], CancellationToken.None)
            .ContinueWith(t => t.Result[ErrorQueue], TaskScheduler.Default);

    private static Task<HealthReport> HealthAsync(MessagingHost host) =>
        host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Name == ErrorQueueHealthCheck.Name);

    [Fact]
    public async Task A_parked_message_shows_in_health_and_metrics_reads_with_its_exception_and_once_fixed_is_redriven_and_applied_once()
    {
        await using var host = await StartAsync();
        using var gauge = new DepthGauge(host.Services);
        var id = Guid.NewGuid();

        await host.Bus.Publish(new NoteAdded(id, ApplyNoteConsumer.Bug + " sorafenib"));
        await Eventually.Until(async () => await DepthAsync(host) == 1, TimeSpan.FromSeconds(30), "the note in the error queue");
        var degraded = await Eventually.Until(() => HealthAsync(host), r => r.Status == HealthStatus.Degraded, what: "health to say Degraded");
        Assert.Contains(ErrorQueue, degraded.Entries[ErrorQueueHealthCheck.Name].Description);
        Assert.Equal(1, gauge.Read()[ErrorQueue]);

        var parked = Assert.Single(await host.Services.GetRequiredService<ErrorQueueBroker>().PeekAsync(ErrorQueue, 10, CancellationToken.None));
        Assert.Equal("System.InvalidOperationException", parked.ExceptionType);
        Assert.Equal("A bug in the consumer.", parked.ExceptionMessage);
        Assert.Contains("ApplyNoteConsumer", parked.StackTrace);
        Assert.Contains(id.ToString(), parked.Body);
        Assert.Equal(1, await DepthAsync(host)); // reading left it there

        ApplyNoteConsumer.Fixed[id] = true;
        Assert.Equal(1, await host.Services.GetRequiredService<ErrorQueueBroker>().RedriveAsync(ErrorQueue, 100, CancellationToken.None));
        await Eventually.Until(async () => await host.EffectsFor(id) == 1, TimeSpan.FromSeconds(30), "the re-driven note to be applied");
        Assert.Equal(0, await DepthAsync(host));
        await Eventually.Until(() => HealthAsync(host), r => r.Status == HealthStatus.Healthy, what: "health to recover");
        Assert.Equal(0, gauge.Read()[ErrorQueue]);
        Assert.Equal(1, await host.EffectsFor(id));
    }

    [Fact]
    public async Task Purging_an_error_queue_deletes_what_waits_in_it_and_applies_none_of_it()
    {
        await using var host = await StartAsync();
        var ids = new[] { Guid.NewGuid(), Guid.NewGuid() };
        foreach (var id in ids) await host.Bus.Publish(new NoteAdded(id, ApplyNoteConsumer.Bug + " duplicate test data"));
        await Eventually.Until(async () => await DepthAsync(host) == 2, TimeSpan.FromSeconds(30), "both notes in the error queue");

        Assert.Equal(2, await host.Services.GetRequiredService<ErrorQueueBroker>().PurgeAsync(ErrorQueue, CancellationToken.None));

        Assert.Equal(0, await DepthAsync(host));
        foreach (var id in ids) Assert.Equal(0, await host.EffectsFor(id));
    }

    public void Dispose() => _data.Dispose();

    /// <summary>What <c>publishing.error_queue.depth</c> reports for this host, per queue.</summary>
    private sealed class DepthGauge : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<string, long> _values = new();

        public DepthGauge(IServiceProvider services)
        {
            var meters = services.GetRequiredService<IMeterFactory>();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "publishing.error_queue.depth" && instrument.Meter.Scope == meters)
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                    if (tag.Key == "queue") _values[(string)tag.Value!] = value;
            });
            _listener.Start();
        }

        public IReadOnlyDictionary<string, long> Read()
        {
            _values.Clear();
            _listener.RecordObservableInstruments();
            return new Dictionary<string, long>(_values);
        }

        public void Dispose() => _listener.Dispose();
    }
}
