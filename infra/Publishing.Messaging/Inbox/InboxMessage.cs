namespace Publishing.Messaging.Inbox;

/// <summary>Proof that a consumer already handled a message; its key makes a redelivery a no-op.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; set; }
    public required string Consumer { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}
