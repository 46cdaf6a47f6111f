namespace Publishing.SearchIndexing.LuceneIndex;

/// <summary>
/// The search engine seam: everything the service needs from a full-text index. The embedded
/// <see cref="LuceneSearchIndex"/> implements it; a server engine (OpenSearch/Elasticsearch) can
/// replace it without touching the consumers or the endpoints.
/// </summary>
public interface ISearchIndex
{
    /// <summary>
    /// Applies one batch with a single commit: each upsert replaces whatever the index holds for its
    /// slug, each delete removes its slug. Upserts are applied before deletes, so a slug in both ends
    /// up deleted. When this returns, searches see the batch.
    /// </summary>
    Task IndexAsync(IReadOnlyCollection<SearchDocument> upserts, IReadOnlyCollection<string> deletes, CancellationToken ct = default);

    /// <summary>
    /// Runs a query. Throws <see cref="SearchQueryException"/> for a query the parser rejects or bad paging, and
    /// <see cref="SearchBudgetExceededException"/> when it runs past its <see cref="SearchBudget"/>.
    /// </summary>
    SearchResult Search(SearchQuery query);

    /// <summary>
    /// True when the live index was written in an older format. It keeps answering searches; the service
    /// rebuilds it from its own documents at start-up (<c>IndexUpgrade</c>).
    /// </summary>
    bool NeedsRebuild { get; }

    /// <summary>How many documents the live index holds.</summary>
    Task<int> CountAsync(CancellationToken ct = default);

    /// <summary>
    /// Starts building a fresh index next to the live one. Feed it with <see cref="ISearchIndexBuilder.AddAsync"/>,
    /// then <see cref="ISearchIndexBuilder.SwapInAsync"/> (or <see cref="ISearchIndexBuilder.Abandon"/>).
    /// While the rebuild is open, batches applied through <see cref="IndexAsync"/> go to the live index AND
    /// into the new one, and win there over the rebuild's own documents for the same slug, so nothing
    /// arriving during the rebuild is lost. Only one rebuild can be open at a time.
    /// </summary>
    ISearchIndexBuilder BeginRebuild();
}

/// <summary>A fresh index being filled; nothing is visible to searches until <see cref="SwapInAsync"/>.</summary>
public interface ISearchIndexBuilder : IDisposable
{
    /// <summary>Adds a batch. A slug already written by a live <see cref="ISearchIndex.IndexAsync"/> since the rebuild began is skipped.</summary>
    Task AddAsync(IReadOnlyCollection<SearchDocument> batch, CancellationToken ct = default);

    /// <summary>Commits the new index and atomically makes it the live one (durably: a restart opens it); the old one is deleted.</summary>
    Task SwapInAsync(CancellationToken ct = default);

    /// <summary>Throws the new index away; the live one is untouched. Disposing an unswapped builder does the same.</summary>
    void Abandon();
}
