using Publishing.ServiceDefaults.Hosting;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Polly.Registry;
using Publishing.Messaging.Bus;
using Publishing.Messaging.Database;
using Publishing.Messaging.Outbox;
using Publishing.Messaging.KeyRing;
using Publishing.Notifications.Data;
using Publishing.Notifications.Email;
using Publishing.Notifications.Events;
using Publishing.Notifications.Subscriptions;
using Publishing.Notifications.Webhooks;
using Publishing.ServiceDefaults;
using Publishing.Messaging.ErrorQueues;

namespace Publishing.Notifications;

/// <summary>The Notifications service: signed webhooks to downstream sites and e-mail to staff.</summary>
public static class NotificationsHost
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = ServiceBuilder.Create(args);
        configure?.Invoke(builder);
        builder.AddServiceDefaults("notifications");
        builder.AddNotifications();
        builder.AddPublishingBus(bus => bus.AddNotificationsConsumers());

        var app = builder.Build();
        app.UseServiceDefaults();
        app.MapDefaultEndpoints();
        app.MapErrorQueues(); // this host's own error queues, for admins
        app.MapNotifications();
        return app;
    }

    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase<NotificationsDbContext, NotificationsSqlServerDbContext>("Notifications").WithOutbox();
        PublicOrigin.AddPublicOrigin(builder); // absolute links in what subscribers receive
        var services = builder.Services;

        // Webhooks: the SSRF guard, one HttpClient through it, a breaker per endpoint, the worker.
        // What the guard opens is read now, so a refused setting stops the start, not the first webhook.
        services.AddSingleton(PrivateNetworkAccess.From(builder.Configuration, builder.Environment));
        services.AddOptions<WebhookOptions>().BindConfiguration("Notifications:Webhooks");
        // Signing secrets are encrypted at rest with the key ring kept in this database; in the
        // standalone host the first module to register it (this one) holds the process's one key ring.
        builder.AddDatabaseKeyRing<NotificationsDbContext>("publishing-notifications");
        services.AddSingleton<WebhookSecrets>();
        services.AddHostedService<ClearSecretsEncryption>(); // before the worker: hosted services start in order
        services.TryAddSingleton<WebhookNetwork>();
        services.AddSingleton<AddressGuard>();
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton(sp => new WebhookSender(
            WebhookHttp.CreateClient(sp.GetRequiredService<AddressGuard>(), sp.GetRequiredService<WebhookNetwork>()),
            sp.GetRequiredService<IOptions<WebhookOptions>>()));
        services.AddSingleton<ResiliencePipelineRegistry<string>>();
        services.AddSingleton<EndpointBreakers>();
        services.AddSingleton<SubscriptionDisabler>();
        services.AddSingleton<DeliveryOutcomePolicy>();
        services.AddSingleton<DeliveryLeases>();
        services.AddSingleton<AttemptStarts>();
        services.AddSingleton<WebhookMetrics>();
        services.AddSingleton<AttemptRunner>();
        services.AddSingleton<DeliveryOutcomeRecorder>();
        services.AddSingleton<DeliveryWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryWorker>());

        // E-mail: SMTP when a host is set, otherwise .eml files in a pickup folder.
        services.AddOptions<EmailOptions>().BindConfiguration("Notifications:Email");
        services.AddSingleton<StaffDirectory>();
        services.AddSingleton<EmailSignal>();
        var email = builder.Configuration.GetSection("Notifications:Email").Get<EmailOptions>() ?? new EmailOptions();
        if (!string.IsNullOrWhiteSpace(email.Smtp.Host))
        {
            services.AddSingleton<IEmailSender, SmtpEmailSender>();
        }
        else
        {
            var pickup = email.PickupDirectory ?? Path.Combine(DatabaseSettings.DataDirectory(builder), "mail-pickup");
            services.AddSingleton<IEmailSender>(new PickupFolderEmailSender(pickup));
        }
        services.AddSingleton<EmailWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<EmailWorker>());
        return builder;
    }

    public static IBusRegistrationConfigurator AddNotificationsConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<RecordEventConsumer>();
        bus.AddConsumer<EnqueueWebhooksConsumer>();
        bus.AddConsumer<EmailStaffConsumer>();
        return bus;
    }

    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        app.MapEventEndpoints();
        app.MapSubscriptionEndpoints();
        return app;
    }
}
