using MassTransit;
using Publishing.Messaging.Bus;
using Publishing.Messaging.Database;
using Publishing.Notifications.Data;
using Publishing.Notifications.Events;
using Publishing.ServiceDefaults;

namespace Publishing.Notifications;

/// <summary>The Notifications service: what it heard from content and review, and (later) webhooks and e-mail.</summary>
public static class NotificationsHost
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.AddServiceDefaults("notifications");
        builder.AddNotifications();
        builder.AddPublishingBus(bus => bus.AddNotificationsConsumers());

        var app = builder.Build();
        app.UseServiceDefaults();
        app.MapDefaultEndpoints();
        app.MapNotifications();
        return app;
    }

    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase<NotificationsDbContext, NotificationsSqlServerDbContext>("Notifications");
        return builder;
    }

    public static IBusRegistrationConfigurator AddNotificationsConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<RecordEventConsumer>();
        return bus;
    }

    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        app.MapEventEndpoints();
        return app;
    }
}
