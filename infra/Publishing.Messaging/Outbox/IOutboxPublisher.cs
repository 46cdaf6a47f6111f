using MassTransit;

namespace Publishing.Messaging.Outbox;

/// <summary>Hands one stored event to the broker and returns once the broker has confirmed it.</summary>
public interface IOutboxPublisher
{
    /// <summary>Completes once this service's receive endpoints exist, so its own events have somewhere to go.</summary>
    Task WaitUntilReadyAsync(CancellationToken ct) => Task.CompletedTask;

    Task PublishAsync(object message, Type messageType, Guid messageId, CancellationToken ct);
}

public sealed class BusOutboxPublisher(IBus bus) : IOutboxPublisher
{
    // A message published before the queues are bound would be dropped by the exchange, so the
    // first dispatch waits for the bus (and with it every receive endpoint) to be up.
    public async Task WaitUntilReadyAsync(CancellationToken ct)
    {
        if (bus is not IBusControl control) return;
        while (control.CheckHealth().Status != BusHealthStatus.Healthy)
            await Task.Delay(100, ct);
    }

    // MassTransit waits for the RabbitMQ publisher confirm before this task completes.
    public Task PublishAsync(object message, Type messageType, Guid messageId, CancellationToken ct) =>
        bus.Publish(message, messageType, Pipe.Execute<PublishContext>(c => c.MessageId = messageId), ct);
}
