using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Publishing.Messaging.Database;
using Publishing.Messaging.Inbox;

namespace Publishing.Messaging.Outbox;

public static class OutboxRegistration
{
    /// <summary>
    /// Gives a service database its outbox: events staged with <see cref="OutboxExtensions.AddOutboxMessage"/>
    /// are relayed to the bus right after each commit, and a sweeper relays what was left unsent and
    /// deletes sent rows and inbox rows past their retention. Its backlog is measured (<see cref="OutboxMetrics"/>). The context's model must carry the tables
    /// (<see cref="MessagingModel.AddOutboxAndInbox"/>) and the host a bus (<c>AddPublishingBus</c>).
    /// </summary>
    public static ServiceDatabaseBuilder<TContext> WithOutbox<TContext>(this ServiceDatabaseBuilder<TContext> database)
        where TContext : ServiceDbContext
    {
        var services = database.Services;
        services.AddSingleton<OutboxSignal<TContext>>();
        services.AddSingleton<OutboxWakeInterceptor<TContext>>();
        services.AddSingleton(sp => new ContextInterceptor<TContext>(sp.GetRequiredService<OutboxWakeInterceptor<TContext>>()));
        services.AddOptions<OutboxOptions>().BindConfiguration("Messaging:Outbox");
        services.AddSingleton<OutboxRelay<TContext>>();
        services.AddOptions<InboxOptions>().BindConfiguration("Messaging:Inbox");
        services.AddSingleton<InboxRetention<TContext>>();
        services.AddHostedService<OutboxDispatcher<TContext>>();
        services.AddMetrics();
        services.AddSingleton<IOutboxBacklog, OutboxBacklog<TContext>>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, OutboxMetrics>());
        return database;
    }

    /// <summary>
    /// Refuses a context whose model and registration disagree about the outbox: tables without
    /// <see cref="WithOutbox{TContext}"/> would keep every staged event forever, and a relay without
    /// the tables would fail on every sweep.
    /// </summary>
    internal static void EnsureModelAgrees<TContext>(TContext db, IServiceProvider services) where TContext : DbContext
    {
        var hasTables = db.Model.FindEntityType(typeof(OutboxMessage)) is not null;
        var relayed = services.GetRequiredService<IServiceProviderIsService>().IsService(typeof(OutboxRelay<TContext>));
        if (hasTables && !relayed)
            throw new InvalidOperationException(
                $"{typeof(TContext).Name}'s model has the outbox tables (AddOutboxAndInbox) but its registration has no outbox: " +
                "add .WithOutbox() to its AddServiceDatabase call, or events it stages are never sent.");
        if (relayed && !hasTables)
            throw new InvalidOperationException(
                $"{typeof(TContext).Name} is registered .WithOutbox() but its model has no outbox tables: " +
                "call model.AddOutboxAndInbox() in its OnModelCreating (and add a migration).");
    }
}
