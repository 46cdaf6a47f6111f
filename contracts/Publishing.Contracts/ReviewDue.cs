namespace Publishing.Contracts;

/// <summary>A published item's next review date is near (or past, when <see cref="Overdue"/>).</summary>
public sealed record ReviewDue(
    Guid ContentId,
    string Slug,
    int Revision,
    DateTimeOffset LastReviewed,
    DateTimeOffset NextReviewDue,
    bool Overdue,
    DateTimeOffset OccurredAt);
