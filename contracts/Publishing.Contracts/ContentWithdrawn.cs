namespace Publishing.Contracts;

/// <summary>
/// A published item was taken down. <see cref="ReleaseId"/> names the release it went in (null when
/// withdrawn on its own); the same event then also travels inside <see cref="ReleasePublished"/>.
/// </summary>
public sealed record ContentWithdrawn(
    Guid ContentId,
    string Slug,
    int Revision,
    DateTimeOffset OccurredAt,
    string ContentType,
    string Title,
    string Reason,
    string WithdrawnById,
    string WithdrawnByName,
    Guid? ReleaseId = null) : IContentChanged;
