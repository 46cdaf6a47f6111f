using Microsoft.AspNetCore.Http.HttpResults;
using Publishing.ServiceDefaults.Auth;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.SearchIndexing.Rebuild;

public static class RebuildEndpoints
{
    public static IEndpointRouteBuilder MapRebuildEndpoints(this IEndpointRouteBuilder app)
    {
        var rebuild = app.MapGroup("/api/search/rebuild").WithTags("Search").RequireAuthorization(Policies.Admin);
        rebuild.MapPost("/", Start);
        rebuild.MapGet("/", (SearchRebuilder rebuilder) => TypedResults.Ok(rebuilder.Status));
        return app;
    }

    /// <summary>
    /// Starts a rebuild and answers 202 at once. Nothing about the request decides where the
    /// revisions come from: that is the configured <see cref="IPublishedRevisionSource"/>.
    /// </summary>
    private static Results<Accepted<RebuildStatus>, ProblemHttpResult> Start(SearchRebuilder rebuilder, IPublishedRevisionSource source)
    {
        if (source.Unavailable is { } why)
            return Problems.Status(StatusCodes.Status503ServiceUnavailable, "Rebuild unavailable", why);
        if (!rebuilder.TryStart(out _))
            return Problems.Conflict("A rebuild is already running; GET /api/search/rebuild shows its progress.");
        return TypedResults.Accepted("/api/search/rebuild", rebuilder.Status);
    }
}
