using Publishing.ServiceDefaults.Auth;

namespace Publishing.Notifications.Subscriptions;

public static class SubscriptionEndpoints
{
    public static IEndpointRouteBuilder MapSubscriptionEndpoints(this IEndpointRouteBuilder app)
    {
        var subscriptions = app.MapGroup("/api/subscriptions").WithTags("Webhooks").RequireAuthorization(Policies.Admin);
        subscriptions.MapPost("/", CreateSubscription.Handle);
        subscriptions.MapGet("/", ListSubscriptions.Handle);
        subscriptions.MapGet("/{id:guid}", GetSubscription.Handle);
        subscriptions.MapDelete("/{id:guid}", DeleteSubscription.Handle);
        subscriptions.MapGet("/{id:guid}/deliveries", ListDeliveries.Handle);
        subscriptions.MapPost("/{id:guid}/deliveries/{deliveryId:long}/redeliver", Redeliver.Handle);
        return app;
    }
}
