using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Publishing.Messaging.Bus;

namespace Publishing.Benchmarks;

/// <summary>A 1 KB message, like B0's.</summary>
public sealed record BenchMessage(int Index, string Payload);

public sealed class BenchConsumerA : IConsumer<BenchMessage> { public Task Consume(ConsumeContext<BenchMessage> context) => Task.CompletedTask; }
public sealed class BenchConsumerB : IConsumer<BenchMessage> { public Task Consume(ConsumeContext<BenchMessage> context) => Task.CompletedTask; }
public sealed class BenchConsumerC : IConsumer<BenchMessage> { public Task Consume(ConsumeContext<BenchMessage> context) => Task.CompletedTask; }

/// <summary>
/// B1: MassTransit with the services' own bus conventions (<c>AddPublishingBus</c>: publisher
/// confirms, retry, 8 concurrent messages per endpoint) publishing to 3 consumers on 3 queues, no
/// database. Publishes are awaited (each waits for its confirm) with at most 256 in flight.
/// </summary>
public static class B1MassTransit
{
    public const int InFlight = 256;

    public static async Task<Row> RunAsync(Uri vhost, int messages)
    {
        var tracker = new CompletionTracker();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Messaging:Transport"] = "RabbitMq",
            ["ConnectionStrings:RabbitMq"] = vhost.ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Services.AddConsumeObserver(_ => new CompletionObserver<BenchMessage>("b1", tracker));
        builder.AddPublishingBus(x =>
        {
            x.AddConsumer<BenchConsumerA>();
            x.AddConsumer<BenchConsumerB>();
            x.AddConsumer<BenchConsumerC>();
        });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var bus = host.Services.GetRequiredService<IBusControl>();
            await WaitHealthyAsync(bus);
            var payload = new string('x', 1000);

            async Task Publish(int i)
            {
                var id = NewId.NextGuid();
                tracker.Expect(id, Stopwatch.GetTimestamp());
                await bus.Publish(new BenchMessage(i, payload), c => c.MessageId = id);
            }

            // Warm-up: learn the three endpoints, JIT the paths.
            await Discovery.RunAsync(tracker, expectedEndpoints: 3, Publish, "B1 warm-up");

            tracker.Reset(messages);
            var memory = MemorySampler.Start();
            var window = new SemaphoreSlim(InFlight);
            var failures = 0;
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < messages; i++)
            {
                await window.WaitAsync();
                _ = Guarded(i);
            }

            async Task Guarded(int i)
            {
                try { await Publish(i); }
                catch (Exception) { Interlocked.Increment(ref failures); }
                finally { window.Release(); }
            }

            await tracker.WaitAllAsync(TimeSpan.FromSeconds(30), "B1");
            var mem = memory.Stop();
            if (failures > 0) throw new BenchmarkFailure($"B1: {failures} publishes failed.");
            var seconds = Stopwatch.GetElapsedTime(start, tracker.LastDone).TotalSeconds;
            return new Row("B1 MassTransit publish -> 3 consumers", $"{messages:N0} msgs", messages / seconds, "msg/s",
                Stats.Of(tracker.Latencies()), mem, $"AddPublishingBus conventions, {InFlight} publishes in flight, no database") { Items = messages };
        }
        finally
        {
            await host.StopAsync();
        }
    }

    public static async Task WaitHealthyAsync(IBusControl bus)
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 60;
        while (bus.CheckHealth().Status != BusHealthStatus.Healthy)
        {
            if (Stopwatch.GetTimestamp() > deadline) throw new BenchmarkFailure("The bus did not become healthy within 60 s.");
            await Task.Delay(50);
        }
    }
}

/// <summary>Warm-up that also learns which receive endpoints consume the tracked message.</summary>
public static class Discovery
{
    public static async Task RunAsync(CompletionTracker tracker, int expectedEndpoints, Func<int, Task> send, string what, int count = 20)
    {
        tracker.Reset(0);
        for (var i = 0; i < count; i++) await send(-1 - i);
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 60;
        while (tracker.Endpoints.Count < expectedEndpoints)
        {
            if (Stopwatch.GetTimestamp() > deadline)
                throw new BenchmarkFailure($"{what}: only these endpoints consumed within 60 s: {string.Join(", ", tracker.Endpoints)}. " +
                    $"Faults: {string.Join(" | ", tracker.Faults.Take(3))}");
            await Task.Delay(50);
        }
        // Let the warm-up drain (and any further endpoint of the same event show itself).
        await Task.Delay(1000);
    }
}
