using Microsoft.AspNetCore.Http.HttpResults;
using Publishing.SearchIndexing.Search;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.SearchIndexing.Searching;

public sealed record SearchHitView(string Slug, string Type, string Title, string Snippet, int Revision);

public sealed record SearchResponse(int Total, int Page, int PageSize, IReadOnlyList<SearchHitView> Hits, SearchFacets Facets);

/// <summary><c>GET /api/search</c>: published content only; the snippet marks the match with &lt;mark&gt;.</summary>
public static class SearchContent
{
    public const int MaxPageSize = 50;

    public static Results<Ok<SearchResponse>, ProblemHttpResult> Handle(
        ISearchIndex index, string? q, string? type, string? drugClass, string? condition, int? page, int? pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (q is { Length: > 500 }) errors["q"] = ["A query is at most 500 characters."];
        if (type is not null && type is not ("drug" or "article")) errors["type"] = ["The type must be 'drug' or 'article'."];
        if (page is < 1 or > 1000) errors["page"] = ["The page is a number from 1 to 1000."];
        if (pageSize is < 1 or > MaxPageSize) errors["pageSize"] = [$"The page size is a number from 1 to {MaxPageSize}."];
        if (errors.Count > 0) return Problems.Invalid(errors);

        var query = new SearchQuery(q ?? "", type, drugClass, condition, page ?? 1, pageSize ?? 10);
        try
        {
            var result = index.Search(query);
            return TypedResults.Ok(new SearchResponse(result.Total, query.Page, query.PageSize,
                result.Hits.Select(h => new SearchHitView(h.Slug, h.Type, h.Title, h.Snippet, h.Revision)).ToList(),
                result.Facets));
        }
        catch (SearchQueryException ex)
        {
            return Problems.Invalid("q", ex.Message);
        }
    }
}
