namespace Publishing.Authoring.Data;

/// <summary>One line of the append-only trail: who did what to which item, when and why.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public Guid ContentId { get; set; }
    public required string Slug { get; set; }
    public int Revision { get; set; }
    public required string Action { get; set; }
    public required string ActorId { get; set; }
    public required string ActorName { get; set; }
    public string? Detail { get; set; }
    public DateTimeOffset At { get; set; }
}
