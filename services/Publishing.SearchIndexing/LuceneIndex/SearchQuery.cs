namespace Publishing.SearchIndexing.LuceneIndex;

/// <summary>
/// A search request. <see cref="Q"/> uses the classic query syntax (terms, "phrases", AND/OR/NOT, prefix*, word~)
/// within the limits of <see cref="BoundedQueryParser"/>; empty or <c>*</c> browses everything matching the
/// filters, ordered by title. Filters match whole values, case-insensitively.
/// </summary>
public sealed record SearchQuery(
    string? Q,
    string? Type = null,
    string? DrugClass = null,
    string? Condition = null,
    int Page = 1,
    int PageSize = SearchQuery.DefaultPageSize)
{
    public const int DefaultPageSize = 10;
    public const int MaxPageSize = 50;
    public const int MaxQueryLength = 500;

    /// <summary>How deep paging may go (page × pageSize), like a server engine's result window: each page collects every result before it.</summary>
    public const int MaxResultWindow = 10_000;
}

public sealed record SearchResult(int Total, IReadOnlyList<SearchHit> Hits, SearchFacets Facets);

/// <summary>One hit. <see cref="Snippet"/> is safe HTML: the matched words wrapped in <c>&lt;mark&gt;</c>, everything else encoded.</summary>
public sealed record SearchHit(string Slug, string Type, string Title, string Snippet, int Revision, float Score);

/// <summary>Value → number of matching documents, per facet, most frequent first (at most <see cref="MaxValues"/> values each).</summary>
public sealed record SearchFacets(
    IReadOnlyDictionary<string, int> Type,
    IReadOnlyDictionary<string, int> DrugClass,
    IReadOnlyDictionary<string, int> Condition)
{
    public const int MaxValues = 50;
}
