using Microsoft.Extensions.DependencyInjection.Extensions;
using Publishing.SearchIndexing.Rebuild;
using Publishing.Authoring;
using Publishing.Messaging.Bus;
using Publishing.Notifications;
using Publishing.Review;
using Publishing.SearchIndexing;
using Publishing.ServiceDefaults;
using Publishing.Studio;
using Publishing.Messaging.ErrorQueues;

namespace Publishing.Standalone;

/// <summary>
/// Every service in one process: the same modules the separate hosts use, on one origin, with an
/// in-memory bus and SQLite files by default. Each service still has its own database, queues
/// and outbox, so the behaviour matches the distributed deployment.
/// </summary>
public static class StandaloneHost
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = ServiceBuilder.Create(args);
        configure?.Invoke(builder);
        builder.AddServiceDefaults("publishing-standalone");
        builder.AddAuthoring();
        builder.AddReview();
        builder.AddSearchIndexing();
        builder.Services.Replace(ServiceDescriptor.Scoped<IPublishedRevisionSource, InProcessPublishedRevisions>());
        builder.AddNotifications();
        builder.AddStudio(); // the editorial UI at /, calling the APIs above on this same origin
        builder.AddPublishingBus(bus =>
        {
            bus.AddAuthoringConsumers();
            bus.AddReviewConsumers();
            bus.AddSearchIndexingConsumers();
            bus.AddNotificationsConsumers();
        });

        var app = builder.Build();
        app.UseServiceDefaults();
        app.MapDefaultEndpoints();
        app.MapErrorQueues(); // this host's own error queues, for admins
        app.MapAuthoring();
        app.MapReview();
        app.MapSearchIndexing();
        app.MapNotifications();
        app.MapStudio();
        return app;
    }
}
