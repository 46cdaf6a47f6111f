using Publishing.Messaging.Outbox;
using Publishing.Testing;
using Xunit;

namespace Publishing.Messaging.Tests;

/// <summary>What an operator's dashboard reads: the outbox backlog and its age while the broker is away, and consumer lag.</summary>
[Collection(RabbitMqFixture.Collection)]
public sealed class MessagingMetricsTests(RabbitMqFixture rabbit) : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task The_outbox_backlog_and_its_age_grow_while_the_broker_is_away_and_drop_to_zero_once_sent()
    {
        await using var link = new TcpProxy(rabbit.Host, rabbit.AmqpPort);
        link.Start();
        var vhost = await rabbit.CreateVirtualHostAsync(link.Port);
        await using var host = await MessagingHost.StartAsync(vhost, _data.Path);
        using var meter = new MeterReadings(host.Services);
        var warmUp = await host.AddNoteAsync("warm-up");
        await Eventually.Until(async () => await host.EffectsFor(warmUp) == 1, what: "the bus to connect");
        Assert.Equal(0, Single(meter.Observe("publishing.outbox.backlog")).Value);

        link.Stop();
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++) ids.Add(await host.AddNoteAsync($"cabozantinib {i}"));
        var backlog = Single(meter.Observe("publishing.outbox.backlog"));
        Assert.Equal(3, backlog.Value);
        Assert.Equal(nameof(TestDbContext), backlog.Tag("context"));
        await Eventually.Until(() => Task.FromResult(Single(meter.Observe("publishing.outbox.oldest_age")).Value),
            age => age > 0, what: "the oldest unsent row to age");

        link.Start();
        foreach (var id in ids)
            await Eventually.Until(async () => await host.EffectsFor(id) == 1, TimeSpan.FromSeconds(60), "delivery after the broker returned");
        await Eventually.Until(() => Task.FromResult(Single(meter.Observe("publishing.outbox.backlog")).Value),
            n => n == 0, what: "the backlog to be sent");
        Assert.Equal(0, Single(meter.Observe("publishing.outbox.oldest_age")).Value);

        // Each consumed note was measured for lag, on its queue.
        var lag = meter.Recorded("publishing.consumer.lag").Where(r => r.Tag("message") == nameof(NoteAdded)).ToList();
        Assert.True(lag.Count >= 4, $"lag measured {lag.Count} times");
        Assert.All(lag, r => Assert.True(r.Value >= 0));
        Assert.All(lag, r => Assert.EndsWith("apply-note", r.Tag("queue")));
    }

    private static Reading Single(IReadOnlyList<Reading> readings) => Assert.Single(readings);

    public void Dispose() => _data.Dispose();
}
