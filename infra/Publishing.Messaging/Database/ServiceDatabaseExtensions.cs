using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Publishing.Messaging.Database;

/// <summary>A service database being registered; opt-in parts (<c>WithOutbox</c>) hang off it.</summary>
public sealed record ServiceDatabaseBuilder<TContext>(IHostApplicationBuilder Builder, string Name)
    where TContext : ServiceDbContext
{
    public IServiceCollection Services => Builder.Services;
}

public static class ServiceDatabaseExtensions
{
    /// <summary>
    /// Registers a service's own database: migrated at start, before any hosted service starts, and
    /// checked by <c>/health/ready</c>. <c>Database:Provider</c> picks SQLite (default: a file
    /// <c>{name}.db</c> under <c>DataDirectory</c>) or SqlServer (<c>ConnectionStrings:{name}</c>,
    /// required). Each provider has its own migrations, kept on <typeparamref name="TContext"/>
    /// (SQLite) and <typeparamref name="TSqlServerContext"/>. A plain database: a service that stages
    /// or consumes events adds the outbox with <c>.WithOutbox()</c>.
    /// </summary>
    public static ServiceDatabaseBuilder<TContext> AddServiceDatabase<TContext, TSqlServerContext>(
        this IHostApplicationBuilder builder, string name)
        where TContext : ServiceDbContext
        where TSqlServerContext : TContext
    {
        var services = builder.Services;
        services.AddSingleton<DatabaseReady<TContext>>();
        services.TryAddSingleton(TimeProvider.System);

        // Pooled contexts: every consumed message and outbox batch opens a scope, and building a
        // fresh context (its options and internal services) there costs a measurable share of the
        // CPU per event. A context goes back to the pool cleared of tracked entities.
        var provider = DatabaseSettings.Provider(builder.Configuration);
        if (provider == DatabaseProvider.SqlServer)
        {
            var connection = builder.Configuration.GetConnectionString(name)
                ?? throw new InvalidOperationException(
                    $"Database:Provider is SqlServer but ConnectionStrings:{name} is not set.");
            services.AddDbContextPool<TContext, TSqlServerContext>((sp, o) => o
                .UseSqlServer(connection)
                .AddInterceptors(ContextInterceptor<TContext>.All(sp)));
        }
        else
        {
            var connection = builder.Configuration.GetConnectionString(name)
                ?? $"Data Source={Path.Combine(DatabaseSettings.DataDirectory(builder), name.ToLowerInvariant() + ".db")}";
            services.AddDbContextPool<TContext>((sp, o) => o
                .UseSqlite(connection)
                .AddInterceptors([.. ContextInterceptor<TContext>.All(sp), new SqliteBusyTimeout()]));
        }

        // Migrates in StartingAsync, so before any hosted service starts, whatever the registration order.
        services.AddHostedService<DatabaseMigrator<TContext>>();
        services.AddHealthChecks().AddDbContextCheck<TContext>($"{name.ToLowerInvariant()}-database", tags: ["ready"]);
        return new ServiceDatabaseBuilder<TContext>(builder, name);
    }
}
