namespace Publishing.Contracts;

public sealed record ContentSubmittedForReview(
    Guid ContentId,
    string Slug,
    int Revision,
    DateTimeOffset OccurredAt,
    Guid ReviewId,
    string ContentType,
    string Title,
    string ChangeClass,
    int RequiredApprovals,
    string Reason,
    string ChangeSummary,
    string AuthorId,
    string AuthorName,
    IReadOnlyList<FieldChange> Changes) : IContentChanged;
