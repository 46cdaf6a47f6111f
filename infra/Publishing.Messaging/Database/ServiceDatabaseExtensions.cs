using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Publishing.Messaging.Outbox;

namespace Publishing.Messaging.Database;

public static class ServiceDatabaseExtensions
{
    /// <summary>
    /// Registers a service's own database with its outbox. <c>Database:Provider</c> picks SQLite
    /// (default: a file <c>{name}.db</c> under <c>DataDirectory</c>) or SqlServer
    /// (<c>ConnectionStrings:{name}</c>, required). Each provider has its own migrations, kept on
    /// <typeparamref name="TContext"/> (SQLite) and <typeparamref name="TSqlServerContext"/>.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext, TSqlServerContext>(
        this IHostApplicationBuilder builder, string name)
        where TContext : ServiceDbContext
        where TSqlServerContext : TContext
    {
        var services = builder.Services;
        services.AddSingleton<OutboxSignal<TContext>>();
        services.AddSingleton<OutboxWakeInterceptor<TContext>>();
        services.AddSingleton<DatabaseReady<TContext>>();
        services.TryAddSingleton(TimeProvider.System);

        // Pooled contexts: every consumed message and outbox batch opens a scope, and building a
        // fresh context (its options and internal services) there was a measurable share of the
        // CPU per event (issue 7). A context goes back to the pool cleared of tracked entities.
        var provider = DatabaseSettings.Provider(builder.Configuration);
        if (provider == DatabaseProvider.SqlServer)
        {
            var connection = builder.Configuration.GetConnectionString(name)
                ?? throw new InvalidOperationException(
                    $"Database:Provider is SqlServer but ConnectionStrings:{name} is not set.");
            services.AddDbContextPool<TContext, TSqlServerContext>((sp, o) => o
                .UseSqlServer(connection)
                .AddInterceptors(sp.GetRequiredService<OutboxWakeInterceptor<TContext>>()));
        }
        else
        {
            var connection = builder.Configuration.GetConnectionString(name)
                ?? $"Data Source={Path.Combine(DatabaseSettings.DataDirectory(builder), name.ToLowerInvariant() + ".db")}";
            services.AddDbContextPool<TContext>((sp, o) => o
                .UseSqlite(connection)
                .AddInterceptors(sp.GetRequiredService<OutboxWakeInterceptor<TContext>>(), new SqliteBusyTimeout()));
        }

        // Migrates in StartingAsync, so before any hosted service starts, whatever the registration order.
        services.AddHostedService<DatabaseMigrator<TContext>>();
        services.AddOptions<OutboxOptions>().BindConfiguration("Messaging:Outbox");
        services.AddSingleton<OutboxRelay<TContext>>();
        services.AddHostedService<OutboxDispatcher<TContext>>();
        services.AddHealthChecks().AddDbContextCheck<TContext>($"{name.ToLowerInvariant()}-database", tags: ["ready"]);
        return builder;
    }
}
