using MassTransit;
using Publishing.Authoring.Content;
using Publishing.Authoring.Data;
using Publishing.Authoring.GoLive;
using Publishing.Authoring.Internal;
using Publishing.Authoring.Previews;
using Publishing.Authoring.Releases;
using Publishing.Authoring.ReviewOutcomes;
using Publishing.Authoring.Seed;
using Publishing.Messaging.Bus;
using Publishing.Messaging.Database;
using Publishing.Messaging.Outbox;
using Publishing.ServiceDefaults;
using Publishing.Messaging.ErrorQueues;

namespace Publishing.Authoring;

/// <summary>The Authoring service: content items, their revisions, submissions and publication.</summary>
public static class AuthoringHost
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = ServiceBuilder.Create(args);
        configure?.Invoke(builder);
        builder.AddServiceDefaults("authoring");
        builder.AddAuthoring();
        builder.AddPublishingBus(bus => bus.AddAuthoringConsumers());

        var app = builder.Build();
        app.UseServiceDefaults();
        app.MapDefaultEndpoints();
        app.MapErrorQueues(); // this host's own error queues, for admins
        app.MapAuthoring();
        return app;
    }

    public static WebApplicationBuilder AddAuthoring(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase<AuthoringDbContext, AuthoringSqlServerDbContext>("Authoring").WithOutbox();
        builder.Services.AddScoped<Publication>();
        builder.Services.AddScoped<GoLiveDecision>();
        builder.Services.AddOptions<ScheduledPublisherOptions>().BindConfiguration("Authoring:GoLive");
        builder.Services.AddSingleton<ScheduleSignal>();
        builder.Services.AddSingleton(sp => new ContextInterceptor<AuthoringDbContext>(new ScheduleWakeInterceptor(sp.GetRequiredService<ScheduleSignal>())));
        builder.Services.AddSingleton<ScheduledPublisher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ScheduledPublisher>());
        builder.Services.AddScoped<ReleaseGoLive>();
        builder.Services.AddSingleton<ReleaseSchedulerSignal>();
        builder.Services.AddOptions<ReleaseSchedulerOptions>().BindConfiguration("Authoring:Releases");
        builder.Services.AddSingleton<ReleaseScheduler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReleaseScheduler>());
        builder.Services.AddOptions<ReviewPolicyOptions>().BindConfiguration("Authoring:Review");
        builder.Services.AddOptions<SampleContentOptions>().BindConfiguration("Seed");
        builder.Services.AddHostedService<SampleContentSeeder>();
        return builder;
    }

    public static IBusRegistrationConfigurator AddAuthoringConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<PublishApprovedRevisionConsumer>();
        bus.AddConsumer<ReturnToEditorConsumer>();
        bus.AddConsumer<ConfirmPeriodicReviewConsumer>();
        return bus;
    }

    public static IEndpointRouteBuilder MapAuthoring(this IEndpointRouteBuilder app)
    {
        app.MapContentEndpoints();
        app.MapPreviewEndpoints();
        app.MapReleaseEndpoints();
        app.MapInternalEndpoints();
        return app;
    }
}
