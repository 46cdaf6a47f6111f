using Publishing.ServiceDefaults.Limits;

namespace Publishing.SearchIndexing.Published;

public static class PublishedEndpoints
{
    public static IEndpointRouteBuilder MapPublishedEndpoints(this IEndpointRouteBuilder app)
    {
        var published = app.MapGroup("/api/published").WithTags("Published").AllowAnonymous().RequireRateLimiting(RateLimits.PublicReads);
        published.MapGet("/{slug}", GetPublished.Handle)
            .Produces<WithdrawnView>(StatusCodes.Status410Gone)
            .Produces(StatusCodes.Status304NotModified);
        return app;
    }
}
