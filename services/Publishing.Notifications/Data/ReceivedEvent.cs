namespace Publishing.Notifications.Data;

/// <summary>One content or review event as this service received it, once per message.</summary>
public sealed class ReceivedEvent
{
    public long Id { get; set; }
    public Guid MessageId { get; set; }

    /// <summary>The contract's name, e.g. <c>ContentPublished</c>.</summary>
    public required string EventType { get; set; }

    public required string Slug { get; set; }
    public int Revision { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}
