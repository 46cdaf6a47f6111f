using Publishing.ServiceDefaults.Auth;

namespace Publishing.Notifications.Events;

public static class EventEndpoints
{
    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/api/notifications").WithTags("Notifications");
        events.MapGet("/events", ListEvents.Handle).RequireAuthorization(Policies.Admin);
        return app;
    }
}
