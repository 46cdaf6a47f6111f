using Publishing.ServiceDefaults.Auth;
using Publishing.ServiceDefaults.Limits;

namespace Publishing.Authoring.Previews;

public static class PreviewEndpoints
{
    public static IEndpointRouteBuilder MapPreviewEndpoints(this IEndpointRouteBuilder app)
    {
        // Editors share what they wrote, reviewers what they are checking.
        var content = app.MapGroup("/api/content/{slug}/previews").WithTags("Previews")
            .RequireAuthorization(p => p.RequireRole(Roles.Editor, Roles.Reviewer));
        content.MapPost("/", SharePreview.Handle);
        content.MapGet("/", ListPreviews.Handle);
        content.MapDelete("/{id:guid}", RevokePreview.Handle);

        app.MapGet("/api/previews/{token}", OpenPreview.Handle).WithTags("Previews")
            .AllowAnonymous().RequireRateLimiting(RateLimits.PublicReads)
            .Produces(StatusCodes.Status410Gone);
        return app;
    }
}
