namespace Publishing.Notifications.Data;

public static class DeliveryStates
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
    public const string Disabled = "disabled";
}

/// <summary>
/// One event for one subscription: a persisted job the delivery worker sends until the site answers
/// 2xx or the retry schedule runs out. Written in the same transaction as the consumer's inbox row.
/// </summary>
public sealed class Delivery
{
    public long Id { get; set; }
    public Guid SubscriptionId { get; set; }

    /// <summary>The Standard Webhooks <c>webhook-id</c>, <c>msg_...</c>; the same on every attempt and re-drive.</summary>
    public required string WebhookId { get; set; }

    /// <summary>The subscription URL's scheme, host and port: the unit of the per-endpoint limit and circuit breaker.</summary>
    public required string Endpoint { get; set; }

    public required string EventType { get; set; }
    public required string Slug { get; set; }
    public int Revision { get; set; }

    /// <summary>The exact JSON body that is signed and sent.</summary>
    public required string Payload { get; set; }

    public string State { get; set; } = DeliveryStates.Pending;

    /// <summary>A withdrawal, or a publication of a safety change: what subscribers must have in seconds (measured by <see cref="Webhooks.WebhookMetrics"/>).</summary>
    public bool Safety { get; set; }

    /// <summary>
    /// Unix milliseconds: when a pending delivery is next due. A worker's claim moves it to the end of
    /// its lease, renewed while the worker holds the row, so an attempt that dies with its process is
    /// retried once the lease runs out, within seconds.
    /// </summary>
    public long NextAttemptAt { get; set; }

    /// <summary>The claim of the worker sending it now, if any.</summary>
    public string? LockToken { get; set; }

    /// <summary>Attempts made in all whose outcome was stored (not those interrupted by a process that died).</summary>
    public int Attempts { get; set; }

    /// <summary>Position in the retry schedule; a re-drive starts it again.</summary>
    public int RetryStep { get; set; }

    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }

    public List<DeliveryAttempt> AttemptLog { get; set; } = [];
}

/// <summary>One HTTP attempt of a delivery, as the delivery log shows it.</summary>
public sealed class DeliveryAttempt
{
    public long Id { get; set; }
    public long DeliveryId { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The HTTP status, or null when no response came (refused, timed out, connection failed).</summary>
    public int? Status { get; set; }

    public long DurationMs { get; set; }

    /// <summary>A short reason in our own words (<see cref="Webhooks.AttemptReasons"/>), never what the endpoint sent.</summary>
    public string? Error { get; set; }

    /// <summary>
    /// The claim the attempt was made under, while it has no outcome: the row is written before the
    /// request goes out (<see cref="Webhooks.AttemptStarts"/>) and completed once the outcome is
    /// stored, so an attempt whose process died stays in the log, without an outcome.
    /// </summary>
    public string? Token { get; set; }
}
