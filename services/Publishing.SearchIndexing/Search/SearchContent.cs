using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Publishing.SearchIndexing.LuceneIndex;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.SearchIndexing.Search;

public sealed record SearchHitView(string Slug, string Type, string Title, string Snippet, int Revision);

public sealed record SearchResponse(int Total, int Page, int PageSize, IReadOnlyList<SearchHitView> Hits, SearchFacets Facets);

/// <summary>
/// <c>GET /api/search</c>: published content only; the snippet marks the match with &lt;mark&gt;. A query
/// outside the search limits (<see cref="BoundedQueryParser"/>, paging within <see cref="SearchQuery.MaxResultWindow"/>)
/// is a 400 naming the parameter; one that runs past its <see cref="SearchBudget"/> a 503 with Retry-After.
/// </summary>
public static class SearchContent
{
    /// <summary>Seconds a client is asked to wait after a search ran out of time: long enough for a busy moment to pass.</summary>
    public const int RetryAfterSeconds = 5;

    public static Results<Ok<SearchResponse>, ProblemHttpResult> Handle(
        ISearchIndex index, HttpResponse response, ILoggerFactory logs,
        string? q, string? type, string? drugClass, string? condition, int? page, int? pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (q is { Length: > SearchQuery.MaxQueryLength }) errors["q"] = [$"A query is at most {SearchQuery.MaxQueryLength} characters."];
        if (type is not null && type is not ("drug" or "article")) errors["type"] = ["The type must be 'drug' or 'article'."];
        if (pageSize is < 1 or > SearchQuery.MaxPageSize) errors["pageSize"] = [$"The page size is a number from 1 to {SearchQuery.MaxPageSize}."];
        if (page < 1) errors["page"] = ["The page is a number from 1."];
        else if ((long)(page ?? 1) * (pageSize ?? SearchQuery.DefaultPageSize) > SearchQuery.MaxResultWindow)
            errors["page"] = [$"Only the first {SearchQuery.MaxResultWindow.ToString("N0", CultureInfo.InvariantCulture)} results can be paged through (page × pageSize); narrow the search instead."];
        if (errors.Count > 0) return Problems.Invalid(errors);

        var query = new SearchQuery(q ?? "", type, drugClass, condition, page ?? 1, pageSize ?? SearchQuery.DefaultPageSize);
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
        catch (SearchBudgetExceededException ex)
        {
            // Worth knowing: the query limits let through something a large index still finds expensive.
            logs.CreateLogger(typeof(SearchContent)).LogWarning("A search ran past its time budget of {Budget} and was stopped: {Query}", ex.Limit, q);
            response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return Problems.Status(StatusCodes.Status503ServiceUnavailable, "Search took too long",
                ex.Message + " Try fewer words, fewer words with * or ~, or a filter; or try again later.");
        }
    }
}
