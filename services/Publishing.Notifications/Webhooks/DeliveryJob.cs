namespace Publishing.Notifications.Webhooks;

/// <summary>A claimed delivery with what sending it needs (the secret as stored: encrypted).</summary>
/// <param name="Token">The claim's lease token: the row is this worker's while it still carries it.</param>
public sealed record DeliveryJob(
    long Id, string Token, string Endpoint, string WebhookId, string Payload, Guid SubscriptionId, string Url, string Secret,
    string SubscriptionState);

/// <summary>What one attempt at a claimed delivery came to, waiting to be recorded.</summary>
public sealed record AttemptOutcome(DeliveryJob Job, DateTimeOffset AttemptAt, AttemptResult Result);

/// <summary>An attempt about to start, waiting for its row in the log to be stored before its request goes out.</summary>
public sealed record AttemptStart(DeliveryJob Job, DateTimeOffset At, TaskCompletionSource Written);
