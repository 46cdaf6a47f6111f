using Publishing.ServiceDefaults.Auth;

namespace Publishing.Authoring.Releases;

public static class ReleaseEndpoints
{
    public static IEndpointRouteBuilder MapReleaseEndpoints(this IEndpointRouteBuilder app)
    {
        var releases = app.MapGroup("/api/releases").WithTags("Releases");
        releases.MapPost("/", ReleaseRoutes.Create).RequireAuthorization(Policies.Editor);
        releases.MapGet("/", ReleaseRoutes.List).RequireAuthorization(Policies.Staff);
        releases.MapGet("/{id:guid}", ReleaseRoutes.Get).RequireAuthorization(Policies.Staff);
        // Staff: a change is added by an editor, a withdrawal by a reviewer or admin (as the fast track).
        releases.MapPost("/{id:guid}/members", ReleaseMembership.Add).RequireAuthorization(Policies.Staff);
        releases.MapDelete("/{id:guid}/members/{slug}", ReleaseMembership.Remove).RequireAuthorization(Policies.Staff);
        releases.MapGet("/{id:guid}/check", ReleaseRoutes.Check).RequireAuthorization(Policies.Staff);
        releases.MapPost("/{id:guid}/go-live", ReleaseRoutes.GoLive).RequireAuthorization(Policies.Editor);
        releases.MapPut("/{id:guid}/schedule", ReleaseSchedule.Set).RequireAuthorization(Policies.Editor);
        releases.MapDelete("/{id:guid}/schedule", ReleaseSchedule.Cancel).RequireAuthorization(Policies.Editor);
        return app;
    }
}
