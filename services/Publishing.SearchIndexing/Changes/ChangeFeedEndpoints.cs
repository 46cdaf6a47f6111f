using Publishing.ServiceDefaults.Limits;

namespace Publishing.SearchIndexing.Changes;

public static class ChangeFeedEndpoints
{
    public static IEndpointRouteBuilder MapChangeFeedEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/changes", GetChanges.Handle).WithTags("Changes").AllowAnonymous().RequireRateLimiting(RateLimits.PublicReads);
        app.MapGet("/feed.atom", GetAtomFeed.Handle).WithTags("Changes").AllowAnonymous().RequireRateLimiting(RateLimits.PublicReads);
        return app;
    }
}
