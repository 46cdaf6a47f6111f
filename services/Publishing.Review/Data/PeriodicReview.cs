namespace Publishing.Review.Data;

/// <summary>A clinician's confirmation that a published revision still stands, kept as evidence.</summary>
public sealed class PeriodicReview
{
    public Guid Id { get; set; }
    public Guid ContentId { get; set; }
    public required string Slug { get; set; }
    public int Revision { get; set; }
    public required string ReviewerId { get; set; }
    public required string ReviewerName { get; set; }
    public required string Qualification { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset At { get; set; }
}
