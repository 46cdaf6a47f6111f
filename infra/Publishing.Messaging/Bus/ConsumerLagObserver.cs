using System.Diagnostics.Metrics;
using MassTransit;
using Publishing.ServiceDefaults.Telemetry;

namespace Publishing.Messaging.Bus;

/// <summary>
/// Measures consumer lag as time: <c>publishing.consumer.lag</c>, seconds from a message being sent to
/// a consumer starting on it (its wait in the queue, redeliveries included), tagged with the queue
/// and the message type. Cheap (a header the broker already carries), and it rises as soon as a
/// consumer falls behind, where a queue's depth would need the broker's management API.
/// </summary>
public sealed class ConsumerLagObserver : IConsumeObserver
{
    private readonly Histogram<double> _lag;
    private readonly TimeProvider _clock;

    public ConsumerLagObserver(IServiceProvider services, TimeProvider clock)
    {
        _clock = clock;
        _lag = PublishingMeter.Create(services).CreateHistogram<double>("publishing.consumer.lag", "s",
            "Seconds from a message being sent to a consumer starting on it");
    }

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.SentTime is { } sent)
        {
            var lag = Math.Max(0, (_clock.GetUtcNow().UtcDateTime - sent.ToUniversalTime()).TotalSeconds);
            _lag.Record(lag,
                new KeyValuePair<string, object?>("queue", context.ReceiveContext.InputAddress.AbsolutePath.Split('/')[^1]),
                new KeyValuePair<string, object?>("message", typeof(T).Name));
        }
        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
