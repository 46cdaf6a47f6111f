using MassTransit;
using Publishing.Messaging.Bus;
using Publishing.Messaging.Database;
using Publishing.Messaging.Outbox;
using Publishing.Review.Data;
using Publishing.Review.Due;
using Publishing.Review.Published;
using Publishing.Review.Reviews;
using Publishing.ServiceDefaults;
using Publishing.Messaging.ErrorQueues;

namespace Publishing.Review;

/// <summary>The Review service: review tasks and the clinical sign-offs that release a revision.</summary>
public static class ReviewHost
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = ServiceBuilder.Create(args);
        configure?.Invoke(builder);
        builder.AddServiceDefaults("review");
        builder.AddReview();
        builder.AddPublishingBus(bus => bus.AddReviewConsumers());

        var app = builder.Build();
        app.UseServiceDefaults();
        app.MapDefaultEndpoints();
        app.MapErrorQueues(); // this host's own error queues, for admins
        app.MapReview();
        return app;
    }

    public static WebApplicationBuilder AddReview(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ReviewDbContext, ReviewSqlServerDbContext>("Review").WithOutbox();
        builder.Services.AddOptions<ReviewDueOptions>().BindConfiguration("Review:Due");
        // One instance serves as both the hosted loop and the handle tests (and tools) call RunOnceAsync on.
        builder.Services.AddSingleton<ReviewDueScheduler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReviewDueScheduler>());
        return builder;
    }

    public static IBusRegistrationConfigurator AddReviewConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<RecordSubmissionConsumer>();
        bus.AddConsumer<CloseRecalledReviewConsumer>();
        bus.AddConsumer<RecordPublishedConsumer>();
        bus.AddConsumer<RecordWithdrawnConsumer>();
        bus.AddConsumer<RecordReviewConfirmedConsumer>();
        return bus;
    }

    public static IEndpointRouteBuilder MapReview(this IEndpointRouteBuilder app)
    {
        app.MapReviewEndpoints();
        return app;
    }
}
