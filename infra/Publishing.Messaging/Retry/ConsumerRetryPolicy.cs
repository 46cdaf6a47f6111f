using MassTransit;
using MassTransit.RetryPolicies;

namespace Publishing.Messaging.Retry;

/// <summary>
/// How a message whose consumer failed is retried, in memory while the message stays unacknowledged
/// (plain RabbitMQ has no delayed redelivery without a plugin): by its <see cref="FaultKind"/>, a transient
/// fault for as long as it takes, an unclassified one <see cref="ConsumerRetryOptions.UnclassifiedRetries"/>
/// times, a permanent one never. The wait doubles from <see cref="ConsumerRetryOptions.FirstInterval"/> up to
/// <see cref="ConsumerRetryOptions.MaxInterval"/>. Retries stop when the bus stops; the message then goes
/// back to its queue, not to the error queue.
/// </summary>
public sealed class ConsumerRetryPolicy(ConsumerRetryOptions options) : IRetryPolicy
{
    public bool IsHandled(Exception exception) => FaultClassification.Of(exception) != FaultKind.Permanent;

    /// <summary>Whether a message that has failed <paramref name="failures"/> times, the last with <paramref name="exception"/>, is tried again.</summary>
    public bool CanRetry(Exception exception, int failures) => FaultClassification.Of(exception) switch
    {
        FaultKind.Transient => true,
        FaultKind.Unclassified => failures <= options.UnclassifiedRetries,
        _ => false,
    };

    /// <summary>The wait before retry number <paramref name="retry"/> (0 for the first).</summary>
    public TimeSpan Interval(int retry)
    {
        var doubled = options.FirstInterval * Math.Pow(2, Math.Min(retry, 30));
        var capped = doubled < options.MaxInterval ? doubled : options.MaxInterval;
        return capped * (0.8 + Random.Shared.NextDouble() * 0.4);
    }

    RetryPolicyContext<T> IRetryPolicy.CreatePolicyContext<T>(T context) => new PolicyContext<T>(this, context);

    public void Probe(ProbeContext context) => context.Set(new
    {
        Policy = "Publishing",
        First = options.FirstInterval,
        Max = options.MaxInterval,
        options.UnclassifiedRetries,
    });

    private sealed class PolicyContext<T>(ConsumerRetryPolicy policy, T context)
        : BaseRetryPolicyContext<T>(policy, context) where T : class, PipeContext
    {
        protected override RetryContext<T> CreateRetryContext(Exception exception, CancellationToken cancellationToken) =>
            new Attempt<T>(policy, Context, exception, 0, cancellationToken);

        public override bool CanRetry(Exception exception, out RetryContext<T> retryContext) =>
            base.CanRetry(exception, out retryContext) && policy.CanRetry(exception, failures: 1);
    }

    private sealed class Attempt<T>(ConsumerRetryPolicy policy, T context, Exception exception, int retryCount, CancellationToken ct)
        : BaseRetryContext<T>(context, exception, retryCount, ct), RetryContext<T> where T : class, PipeContext
    {
        public override TimeSpan? Delay => policy.Interval(RetryCount);

        public bool CanRetry(Exception failure, out RetryContext<T> retryContext)
        {
            retryContext = new Attempt<T>(policy, Context, failure, RetryCount + 1, CancellationToken);
            return policy.CanRetry(failure, failures: RetryAttempt + 1);
        }
    }
}
