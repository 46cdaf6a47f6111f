namespace Publishing.Messaging.Outbox;

/// <summary>An event stored in the same transaction as the change that caused it.</summary>
public sealed class OutboxMessage
{
    /// <summary>Insertion order; the dispatcher publishes in this order.</summary>
    public long Sequence { get; set; }

    /// <summary>Becomes the broker MessageId, so consumers can de-duplicate redeliveries.</summary>
    public Guid MessageId { get; set; }

    public required string MessageType { get; set; }
    public required string Body { get; set; }

    /// <summary>W3C traceparent of the request that wrote the event, so a trace follows the message.</summary>
    public string? TraceParent { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Unix milliseconds until which the row is claimed (or backing off); 0 when free.</summary>
    public long LockedUntil { get; set; }

    public string? LockToken { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}
