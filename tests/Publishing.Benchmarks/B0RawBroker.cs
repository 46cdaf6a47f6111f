using System.Buffers.Binary;
using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Publishing.Benchmarks;

/// <summary>
/// B0, the baseline: RabbitMQ.Client 7 on its own. Persistent 1 KB messages published with
/// asynchronous publisher confirms (at most <see cref="InFlight"/> unconfirmed), a fanout exchange
/// bound to 3 durable queues, one consumer per queue acking each message. A message counts when all
/// three consumers have it; latency is publish to the third ack.
/// </summary>
public static class B0RawBroker
{
    public const int InFlight = 256;
    public const ushort Prefetch = 256;
    private const int Queues = 3;

    public static async Task<Row> RunAsync(Uri vhost, int messages)
    {
        var factory = new ConnectionFactory { Uri = vhost, ClientProvidedName = "bench-b0" };
        await using var publisherConnection = await factory.CreateConnectionAsync();
        await using var consumerConnection = await factory.CreateConnectionAsync();
        await using var setup = await publisherConnection.CreateChannelAsync();
        const string exchange = "bench-b0";
        await setup.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);

        var seen = new int[messages];
        var latencies = new double[messages];
        var done = 0;
        long lastDone = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var channels = new List<IChannel>();
        for (var q = 0; q < Queues; q++)
        {
            var queue = $"bench-b0-{q}";
            await setup.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
            await setup.QueueBindAsync(queue, exchange, "");
            var channel = await consumerConnection.CreateChannelAsync();
            channels.Add(channel);
            await channel.BasicQosAsync(0, Prefetch, false);
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += async (_, delivery) =>
            {
                var index = BinaryPrimitives.ReadInt32LittleEndian(delivery.Body.Span);
                var sentAt = BinaryPrimitives.ReadInt64LittleEndian(delivery.Body.Span[4..]);
                await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
                if (Interlocked.Increment(ref seen[index]) != Queues) return;
                var now = Stopwatch.GetTimestamp();
                latencies[index] = Clock.Ms(sentAt, now);
                Interlocked.Exchange(ref lastDone, now);
                if (Interlocked.Increment(ref done) == messages) all.TrySetResult();
            };
            await channel.BasicConsumeAsync(queue, autoAck: false, consumer);
        }

        var options = new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true,
            // The window below bounds what is in flight; the library's limiter would also throttle from 50 %.
            outstandingPublisherConfirmationsRateLimiter: null);
        await using var publisher = await publisherConnection.CreateChannelAsync(options);
        var properties = new BasicProperties { Persistent = true, ContentType = "application/octet-stream" };

        var memory = MemorySampler.Start();
        var window = new SemaphoreSlim(InFlight);
        var failures = 0;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < messages; i++)
        {
            await window.WaitAsync();
            var body = new byte[1024];
            Random.Shared.NextBytes(body.AsSpan(12));
            BinaryPrimitives.WriteInt32LittleEndian(body, i);
            BinaryPrimitives.WriteInt64LittleEndian(body.AsSpan(4), Stopwatch.GetTimestamp());
            _ = Confirm(publisher.BasicPublishAsync(exchange, "", mandatory: false, properties, body));
        }

        async Task Confirm(ValueTask publish)
        {
            try { await publish; }
            catch (Exception) { Interlocked.Increment(ref failures); }
            finally { window.Release(); }
        }

        await all.Task.WaitAsync(TimeSpan.FromMinutes(5));
        var mem = memory.Stop();
        if (failures > 0) throw new BenchmarkFailure($"B0: {failures} publishes were not confirmed.");
        var seconds = Stopwatch.GetElapsedTime(start, lastDone).TotalSeconds;
        foreach (var channel in channels) await channel.DisposeAsync();
        return new Row("B0 raw RabbitMQ.Client 7, fanout x3", $"{messages:N0} msgs", messages / seconds, "msg/s",
            Stats.Of(latencies), mem, $"1 KB persistent, confirms <= {InFlight} in flight, prefetch {Prefetch}") { Items = messages };
    }
}
