namespace Publishing.Contracts;

public sealed record ChangesRequested(
    Guid ReviewId,
    Guid ContentId,
    string Slug,
    int Revision,
    string ReviewerId,
    string ReviewerName,
    string Comment,
    DateTimeOffset OccurredAt);
