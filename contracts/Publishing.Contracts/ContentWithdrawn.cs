namespace Publishing.Contracts;

public sealed record ContentWithdrawn(
    Guid ContentId,
    string Slug,
    int Revision,
    DateTimeOffset OccurredAt,
    string ContentType,
    string Title,
    string Reason,
    string WithdrawnById,
    string WithdrawnByName) : IContentChanged;
