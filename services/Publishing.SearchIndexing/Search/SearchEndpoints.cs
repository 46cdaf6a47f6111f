using Publishing.ServiceDefaults.Limits;

namespace Publishing.SearchIndexing.Search;

public static class SearchEndpoints
{
    public static IEndpointRouteBuilder MapSearchEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/search", SearchContent.Handle).WithTags("Search").AllowAnonymous().RequireRateLimiting(RateLimits.Search);
        return app;
    }
}
