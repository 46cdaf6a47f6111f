namespace Publishing.Contracts;

/// <summary>A periodic review confirmed the published revision without changing it.</summary>
public sealed record ContentReviewConfirmed(
    Guid ContentId,
    string Slug,
    int Revision,
    DateTimeOffset OccurredAt,
    string ContentType,
    string Title,
    Approval Confirmation,
    DateTimeOffset LastReviewed,
    DateTimeOffset NextReviewDue) : IContentChanged;
