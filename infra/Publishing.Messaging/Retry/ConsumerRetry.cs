using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Publishing.Messaging.Retry;

public static class ConsumerRetry
{
    /// <summary>
    /// Retries every consumer on every endpoint of this bus by <see cref="ConsumerRetryPolicy"/>. Not cancelled by
    /// the bus stopping (MassTransit would then count the message as consumed by no one and move it to
    /// <c>_skipped</c>) but with the consume itself, once <c>MassTransitHostOptions.ConsumerStopTimeout</c> has
    /// passed: the message is then not acknowledged and the broker gives it back to the queue.
    /// </summary>
    public static void UseConsumerRetry(this IBusFactoryConfigurator bus, IRegistrationContext context)
    {
        var options = context.GetRequiredService<IOptions<ConsumerRetryOptions>>().Value;
        var log = context.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConsumerRetry).FullName!);
        bus.UseMessageRetry(r =>
        {
            r.SetRetryPolicy(_ => new ConsumerRetryPolicy(options));
            r.ConnectRetryObserver(new RetryLog(log));
        });
    }
}
