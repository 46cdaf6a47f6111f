namespace Publishing.Notifications.Data;

public static class EmailStates
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Failed = "failed";
}

/// <summary>An e-mail to one recipient, queued in the transaction that decided to send it.</summary>
public sealed class OutgoingEmail
{
    public long Id { get; set; }
    public required string ToAddress { get; set; }
    public required string ToName { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }

    /// <summary>Why it was sent, e.g. <c>review-submitted</c>; for the log and tests.</summary>
    public required string Kind { get; set; }

    public string State { get; set; } = EmailStates.Pending;

    /// <summary>Unix milliseconds when next due (or the end of a worker's claim), as for deliveries.</summary>
    public long NextAttemptAt { get; set; }

    public string? LockToken { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}
