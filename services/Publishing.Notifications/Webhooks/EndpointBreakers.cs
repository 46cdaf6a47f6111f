using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;

namespace Publishing.Notifications.Webhooks;

/// <summary>
/// One circuit breaker per endpoint (scheme, host and port), so a dead site fails fast and its
/// deliveries wait without holding sending slots, while every other site is unaffected.
/// </summary>
public sealed class EndpointBreakers(
    ResiliencePipelineRegistry<string> registry, IOptions<WebhookOptions> options, TimeProvider clock)
{
    private readonly WebhookOptions _options = options.Value;

    public static string KeyOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}".ToLowerInvariant() : url;

    public ResiliencePipeline<AttemptResult> For(string endpoint) =>
        registry.GetOrAddPipeline<AttemptResult>("webhook:" + endpoint, builder =>
        {
            builder.TimeProvider = clock;
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<AttemptResult>
            {
                // A 4xx (other than 429) is the subscriber's answer, not a sign the site is down.
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is not null and not OperationCanceledException
                    || args.Outcome.Result?.EndpointFailure == true),
                FailureRatio = _options.BreakerFailureRatio,
                MinimumThroughput = _options.BreakerMinimumThroughput,
                SamplingDuration = _options.BreakerSamplingDuration,
                BreakDuration = _options.BreakerBreakDuration,
            });
        });
}
