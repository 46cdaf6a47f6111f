using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
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
    /// Starts a rebuild and answers 202 at once. Authoring is found at <c>Services:Authoring</c>, or
    /// on this request's own origin (the standalone host, or a gateway in front of every service);
    /// the caller's admin token is passed on.
    /// </summary>
    private static Results<Accepted<RebuildStatus>, ProblemHttpResult> Start(
        HttpRequest request, SearchRebuilder rebuilder, IConfiguration config)
    {
        var configured = config["Services:Authoring"];
        var authoring = string.IsNullOrWhiteSpace(configured) ? new Uri($"{request.Scheme}://{request.Host}") : new Uri(configured);
        var header = request.Headers[HeaderNames.Authorization].ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        if (!rebuilder.TryStart(authoring, token, out _))
            return Problems.Conflict("A rebuild is already running; GET /api/search/rebuild shows its progress.");
        return TypedResults.Accepted("/api/search/rebuild", rebuilder.Status);
    }
}
