using MassTransit;
using Microsoft.EntityFrameworkCore;
using Publishing.Messaging.Outbox;
using Publishing.Testing;
using Xunit;

namespace Publishing.Messaging.Tests;

[Collection(RabbitMqFixture.Collection)]
public sealed class OutboxTests(RabbitMqFixture rabbit) : IDisposable
{
    private readonly TempDirectory _data = new();

    private static async Task<Guid> AddNoteAsync(MessagingHost host, string text)
    {
        var id = Guid.NewGuid();
        await host.WithDb(async db =>
        {
            db.Notes.Add(new Note { Id = id, Text = text });
            db.AddOutboxMessage(new NoteAdded(id, text), DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        return id;
    }

    [Fact]
    public async Task A_committed_change_is_published_right_after_the_commit_and_applied_once()
    {
        var vhost = await rabbit.CreateVirtualHostAsync();
        // With the sweeper an hour away, only the post-commit wake-up can deliver the event.
        await using var host = await MessagingHost.StartAsync(vhost, _data.Path,
            new() { ["Messaging:Outbox:SweepInterval"] = "01:00:00" });

        var traffic = MessageTraffic.Observe(host.Bus);
        var id = await AddNoteAsync(host, "regorafenib: liver warning");

        await Eventually.Until(async () => await host.EffectsFor(id) == 1, what: "the note to be applied");
        var row = await Eventually.Until(() => host.WithDb(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync()),
            m => m.SentAt is not null, what: "the row to be marked sent once the broker confirmed it");
        // A sent row is never claimed again, so every publish of it is confirmed by now; once each copy
        // has been consumed, no later effect can come and the count is final.
        await traffic.WaitUntilAllConsumedAsync([row.MessageId]);
        Assert.Equal(1, await host.EffectsFor(id));
    }

    [Fact]
    public async Task A_rolled_back_change_leaves_no_event()
    {
        var vhost = await rabbit.CreateVirtualHostAsync();
        await using var host = await MessagingHost.StartAsync(vhost, _data.Path);

        var rolledBack = Guid.NewGuid();
        await host.WithDb(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            db.Notes.Add(new Note { Id = rolledBack, Text = "never happened" });
            db.AddOutboxMessage(new NoteAdded(rolledBack, "never happened"), DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            await tx.RollbackAsync();
            return 0;
        });
        // A later committed event is a barrier: once it is applied, the earlier one would have been too.
        var barrier = await AddNoteAsync(host, "barrier");
        await Eventually.Until(async () => await host.EffectsFor(barrier) == 1, what: "the barrier note");

        Assert.Equal(0, await host.EffectsFor(rolledBack));
        Assert.Equal(1, await host.WithDb(db => db.Set<OutboxMessage>().CountAsync()));
    }

    [Fact]
    public async Task An_event_committed_while_the_broker_is_unreachable_waits_and_is_delivered_when_it_returns()
    {
        await using var link = new TcpProxy(rabbit.Host, rabbit.AmqpPort);
        link.Start();
        var vhost = await rabbit.CreateVirtualHostAsync(link.Port);
        await using var host = await MessagingHost.StartAsync(vhost, _data.Path);
        var warmUp = await AddNoteAsync(host, "warm-up");
        await Eventually.Until(async () => await host.EffectsFor(warmUp) == 1, what: "the bus to connect");

        link.Stop();
        var id = await AddNoteAsync(host, "sunitinib: new serious side effect");
        var pending = await Eventually.Until(
            () => host.WithDb(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Body.Contains(id.ToString()))),
            m => m.Attempts >= 1 && m.LastError is not null, what: "a failed publish attempt");
        Assert.Null(pending.SentAt);
        Assert.Equal(0, await host.EffectsFor(id));

        link.Start();
        await Eventually.Until(async () => await host.EffectsFor(id) == 1, TimeSpan.FromSeconds(60), "delivery after the broker returned");
        var sent = await host.WithDb(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Body.Contains(id.ToString())));
        Assert.NotNull(sent.SentAt);
    }

    [Fact]
    public async Task A_duplicate_delivery_has_one_effect()
    {
        var vhost = await rabbit.CreateVirtualHostAsync();
        await using var host = await MessagingHost.StartAsync(vhost, _data.Path);
        var traffic = MessageTraffic.Observe(host.Bus);
        var id = Guid.NewGuid();
        var messageId = Guid.NewGuid();

        for (var i = 0; i < 3; i++)
            await host.Bus.Publish(new NoteAdded(id, "olaratumab withdrawn"), c => c.MessageId = messageId);
        // Each copy is finished once consumed (its retries included): applied, or skipped by the inbox.
        await traffic.WaitUntilAllConsumedAsync([messageId]);
        Assert.Equal(3, traffic.Consumed(messageId));

        Assert.Equal(1, await host.EffectsFor(id));
    }

    public void Dispose() => _data.Dispose();
}
