using Microsoft.Extensions.Time.Testing;
using Publishing.Messaging.Outbox;
using Publishing.Testing;
using Xunit;

namespace Publishing.Messaging.Tests;

[Collection(RabbitMqFixture.Collection)]
public sealed class OutboxRelayTests(RabbitMqFixture rabbit) : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task A_dispatcher_killed_mid_batch_loses_nothing_and_its_rows_are_sent_once_its_claim_expires()
    {
        var vhost = await rabbit.CreateVirtualHostAsync();
        await using var consumer = await MessagingHost.StartAsync(vhost, _data.Sub("consumer"));
        var traffic = MessageTraffic.Observe(consumer.Bus);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var producer = await Producer.CreateAsync(_data.Sub("producer"),
            new OutboxOptions { BatchSize = 10, LockDuration = TimeSpan.FromSeconds(1) });
        var ids = await producer.AddNotesAsync(10);

        var crashing = new CrashingPublisher(new BusOutboxPublisher(consumer.Bus), publishBeforeCrash: 4);
        using var kill = new CancellationTokenSource();
        var dying = producer.Relay(crashing, clock).RelayBatchAsync(kill.Token);
        await crashing.FirstPublished;
        kill.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dying);
        Assert.All(await producer.RowsAsync(), r => Assert.Null(r.SentAt));

        var survivor = producer.Relay(new BusOutboxPublisher(consumer.Bus), clock);
        Assert.Equal(0, await survivor.RelayBatchAsync(CancellationToken.None)); // still claimed by the dead one
        clock.Advance(TimeSpan.FromSeconds(1.2));
        Assert.Equal(10, await survivor.RelayBatchAsync(CancellationToken.None));

        // Every publish is confirmed by now, the four the dead relay sent included: once each copy has
        // been consumed (the second of those four is a redelivery the inbox skips), the counts are final.
        var rows = await producer.RowsAsync();
        await traffic.WaitUntilAllConsumedAsync(rows.Select(r => r.MessageId));
        Assert.Equal(14, rows.Sum(r => traffic.Published(r.MessageId)));
        foreach (var id in ids) Assert.Equal(1, await consumer.EffectsFor(id));
        Assert.All(rows, r => Assert.NotNull(r.SentAt));
    }

    [Fact]
    public async Task Two_dispatchers_on_one_outbox_never_publish_the_same_row_twice()
    {
        await using var producer = await Producer.CreateAsync(_data.Sub("shared"), new OutboxOptions { BatchSize = 15 });
        await producer.AddNotesAsync(300);
        var publisher = new RecordingPublisher();
        var a = producer.Relay(publisher);
        var b = producer.Relay(publisher);

        async Task Drain(OutboxRelay<TestDbContext> relay)
        {
            while (await relay.RelayBatchAsync(CancellationToken.None) > 0) { }
        }
        await Task.WhenAll(Drain(a), Drain(b));

        Assert.Equal(300, publisher.Published.Count);
        Assert.All(publisher.Published.Values, n => Assert.Equal(1, n));
        Assert.All(await producer.RowsAsync(), r => Assert.NotNull(r.SentAt));
    }

    public void Dispose() => _data.Dispose();
}
