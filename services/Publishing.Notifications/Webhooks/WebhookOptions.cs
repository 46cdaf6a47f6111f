namespace Publishing.Notifications.Webhooks;

/// <summary>Bound to <c>Notifications:Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    // Which internal addresses webhooks may reach is PrivateNetworkAccess, read once at start-up.

    /// <summary>The whole of one attempt: connect, send, response headers and the capped body read.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Attempts in flight at once, over all endpoints.</summary>
    public int MaxConcurrency { get; set; } = 32;

    /// <summary>Attempts in flight at once to one endpoint (scheme, host and port), so a slow site holds few slots.</summary>
    public int MaxConcurrencyPerEndpoint { get; set; } = 8;

    /// <summary>
    /// How much of a response body is read, and thrown away, so a short answer leaves the connection
    /// reusable; a longer one drops it. Nothing a site answers is stored.
    /// </summary>
    public int MaxResponseBytes { get; set; } = 4096;

    /// <summary>
    /// How long a claimed delivery stays this instance's without renewal. Held rows are renewed every
    /// third of it (<see cref="DeliveryLeases"/>), so a live instance keeps them however long they
    /// wait or an attempt takes, and the rows of one that died are claimed again within this plus a poll.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often due retries are looked for when nothing wakes the worker sooner.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A subscription whose attempts have failed without a success for this long is disabled.</summary>
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromDays(5);

    /// <summary>Per-endpoint circuit breaker: failures needed in the sampling window before it opens.</summary>
    public int BreakerMinimumThroughput { get; set; } = 5;

    public double BreakerFailureRatio { get; set; } = 0.5;
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(60);
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
