using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Publishing.Messaging.ErrorQueues;
using Publishing.Messaging.Outbox;
using Publishing.Messaging.Retry;
using Publishing.Messaging.Validation;

namespace Publishing.Messaging.Bus;

public static class BusExtensions
{
    /// <summary>
    /// Adds the message bus with our conventions: service-prefixed queues, every received event checked
    /// against its rules (<see cref="EventValidation"/>), failed consumers retried by the kind of fault
    /// (<see cref="ConsumerRetryPolicy"/>), and the transport's <c>_error</c> queue (MassTransit's default)
    /// for what can never succeed.
    /// </summary>
    public static IHostApplicationBuilder AddPublishingBus(
        this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator> addConsumers)
    {
        var settings = BusSettings.From(builder.Configuration);
        builder.Services.AddSingleton<IOutboxPublisher, BusOutboxPublisher>();
        builder.Services.AddHealthChecks().AddCheck<BusReadinessCheck>(BusReadinessCheck.Name, tags: ["ready"]);
        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddConsumeObserver<ConsumerLagObserver>();
        builder.Services.AddEventRules();
        builder.Services.AddOptions<ConsumerRetryOptions>().BindConfiguration("Messaging:Retry");
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            // The API serves while the broker is away; the outbox holds events until it is back.
            o.WaitUntilStarted = false;
            o.StopTimeout = TimeSpan.FromSeconds(30);
            // A consumer still retrying a transient fault by then is cancelled, and its message requeued.
            o.ConsumerStopTimeout = TimeSpan.FromSeconds(10);
        });

        builder.Services.AddMassTransit(x =>
        {
            x.SetEndpointNameFormatter(new ServiceEndpointNameFormatter(builder.Configuration["Messaging:InstanceName"]));
            // MassTransit 8.4+ reports usage to its vendor over the internet by default; a service
            // holding clinical content makes no outbound calls its operators did not ask for.
            x.ConfigureUsageTelemetryOptions(o => o.Enabled = false);
            // MassTransit's check says Degraded (200) with the broker gone; BusReadinessCheck is readiness.
            x.ConfigureHealthCheckOptions(o => o.Tags.Add("masstransit"));
            addConsumers(x);
            x.AddConfigureEndpointsCallback((context, queue, endpoint) =>
            {
                context.GetRequiredService<ServiceQueues>().Add(queue); // whose _error queue the operator may handle
                endpoint.ConcurrentMessageLimit = 8;
            });

            if (settings.Transport == BusTransport.InMemory)
            {
                x.UsingInMemory((context, cfg) =>
                {
                    cfg.UseEventValidation(context);
                    cfg.UseConsumerRetry(context);
                    cfg.ConfigureEndpoints(context);
                });
                return;
            }

            x.UsingRabbitMq((context, cfg) =>
            {
                var uri = settings.RabbitMq;
                var (user, password) = Credentials(uri);
                var vhost = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/'));
                cfg.Host(uri.Host, uri.IsDefaultPort ? (ushort)5672 : (ushort)uri.Port,
                    string.IsNullOrEmpty(vhost) ? "/" : vhost, h =>
                    {
                        h.Username(user);
                        h.Password(password);
                        h.PublisherConfirmation = true;
                    });
                if (!ReconnectSchedule.TryApply(cfg))
                    context.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ReconnectSchedule))
                        .LogWarning("This MassTransit keeps its reconnect policy elsewhere: a service may notice its broker's return up to 30 s late");
                cfg.UseEventValidation(context);
                cfg.UseConsumerRetry(context);
                cfg.ConfigureEndpoints(context);
            });
        });
        builder.AddErrorQueues(settings); // after the bus, so its monitor starts once the endpoints are configured
        return builder;
    }

    private static (string User, string Password) Credentials(Uri uri)
    {
        if (string.IsNullOrEmpty(uri.UserInfo)) return ("guest", "guest");
        var parts = uri.UserInfo.Split(':', 2);
        return (Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "");
    }
}
