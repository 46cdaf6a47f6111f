namespace Publishing.Review.Data;

/// <summary>One reviewer's sign-off. Keyed by (review, reviewer) so nobody counts twice.</summary>
public sealed class ReviewApprovalRecord
{
    public Guid ReviewId { get; set; }
    public required string ReviewerId { get; set; }
    public required string ReviewerName { get; set; }
    public string? Qualification { get; set; }
    public string? Comment { get; set; }
    public bool ReferencesChecked { get; set; }
    public DateTimeOffset ApprovedAt { get; set; }
}
