using MassTransit;
using Microsoft.Extensions.Logging;

namespace Publishing.Messaging.Retry;

/// <summary>
/// One warning per failed attempt that will be retried, naming the message, the fault and the wait, without
/// the stack trace: with waits growing to a minute, a message stuck behind a long outage stays visible
/// without flooding the log. The attempt that finally fails is logged by MassTransit with its stack trace.
/// </summary>
internal sealed class RetryLog(ILogger log) : IRetryObserver
{
    public Task PostFault<T>(RetryContext<T> context) where T : class, PipeContext
    {
        if (log.IsEnabled(LogLevel.Warning))
        {
            var messageId = (context.Context as ConsumeContext)?.MessageId;
            log.LogWarning("Message {MessageId} failed on attempt {Attempt} ({Kind} fault: {Error}); retrying in {Delay:0.#} s",
                messageId, context.RetryAttempt, FaultClassification.Of(context.Exception), context.Exception.Message,
                context.Delay?.TotalSeconds ?? 0);
        }
        return Task.CompletedTask;
    }

    public Task PostCreate<T>(RetryPolicyContext<T> context) where T : class, PipeContext => Task.CompletedTask;
    public Task PreRetry<T>(RetryContext<T> context) where T : class, PipeContext => Task.CompletedTask;
    public Task RetryFault<T>(RetryContext<T> context) where T : class, PipeContext => Task.CompletedTask;
    public Task RetryComplete<T>(RetryContext<T> context) where T : class, PipeContext => Task.CompletedTask;
}
