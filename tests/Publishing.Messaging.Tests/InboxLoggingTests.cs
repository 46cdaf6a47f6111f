using MassTransit;
using Microsoft.EntityFrameworkCore;
using Publishing.Messaging.Inbox;
using Microsoft.Extensions.Logging;
using Publishing.Testing;
using Xunit;

namespace Publishing.Messaging.Tests;

/// <summary>What an operator reads in the log when the broker redelivers a message: one calm line, no alarm.</summary>
[Collection(RabbitMqFixture.Collection)]
public sealed class InboxLoggingTests(RabbitMqFixture rabbit) : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task A_redelivered_message_is_logged_once_at_information_without_an_error_or_stack_trace()
    {
        var vhost = await rabbit.CreateVirtualHostAsync();
        var log = new LogCapture();
        await using var host = await MessagingHost.StartAsync(vhost, _data.Path,
            new() { [$"Logging:LogLevel:{typeof(ApplyNoteConsumer).FullName}"] = "Information" },
            builder => builder.Logging.AddProvider(log));
        var traffic = MessageTraffic.Observe(host.Bus);
        var id = Guid.NewGuid();
        var messageId = Guid.NewGuid();

        await host.Bus.Publish(new NoteAdded(id, "nivolumab: new interaction"), c => c.MessageId = messageId);
        await traffic.WaitUntilConsumedAsync(messageId, 1);
        await host.Bus.Publish(new NoteAdded(id, "nivolumab: new interaction"), c => c.MessageId = messageId);
        await traffic.WaitUntilConsumedAsync(messageId, 2);

        Assert.Equal(1, await host.EffectsFor(id));
        // The row reads back through the model as written, so the retention sweep and older rows agree with it.
        var row = Assert.Single(await host.WithDb(db => db.Set<InboxMessage>().AsNoTracking().Where(m => m.MessageId == messageId).ToListAsync()));
        Assert.Equal(nameof(ApplyNoteConsumer), row.Consumer);
        Assert.InRange(row.ReceivedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        var redelivery = Assert.Single(log.Entries, e => e.Message.Contains(messageId.ToString()));
        Assert.Equal(LogLevel.Information, redelivery.Level);
        Assert.Contains("ignoring the redelivery", redelivery.Message);
        Assert.Null(redelivery.Exception);
        Assert.DoesNotContain(log.Entries, e => e.Level >= LogLevel.Warning || e.Exception is not null);
    }

    public void Dispose() => _data.Dispose();
}
