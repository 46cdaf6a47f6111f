using Publishing.Contracts;

namespace Publishing.SearchIndexing.Rebuild;

/// <summary>Where a rebuild reads Authoring's published revisions from, page by page.</summary>
public interface IPublishedRevisionSource
{
    /// <summary>Why no rebuild can read from it (not configured), or null when it can.</summary>
    string? Unavailable { get; }

    IAsyncEnumerable<IReadOnlyList<ContentPublished>> ReadAllAsync(CancellationToken ct);
}
