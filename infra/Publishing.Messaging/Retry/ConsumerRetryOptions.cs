namespace Publishing.Messaging.Retry;

/// <summary><c>Messaging:Retry</c>: how a consumer's failure is retried (<see cref="ConsumerRetryPolicy"/>).</summary>
public sealed class ConsumerRetryOptions
{
    /// <summary>The wait before the first retry; each later wait doubles (±20%).</summary>
    public TimeSpan FirstInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between two attempts at a transient fault, which is retried without limit.</summary>
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Retries of an unclassified fault (most likely a bug) before the message goes to the error queue.</summary>
    public int UnclassifiedRetries { get; set; } = 5;
}
