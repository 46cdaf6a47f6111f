namespace Publishing.Contracts;

/// <summary>
/// A release went live: every member became public, or was taken down, at the same moment. Carries
/// each member's own event whole, so a consumer can apply the release as one step and never show
/// some members without the others; each member's event also travels on its own, with
/// <c>ReleaseId</c> set, for consumers that take items one by one.
/// </summary>
public sealed record ReleasePublished(
    Guid ReleaseId,
    string Name,
    DateTimeOffset OccurredAt,
    IReadOnlyList<ContentPublished> Published,
    IReadOnlyList<ContentWithdrawn> Withdrawn);
