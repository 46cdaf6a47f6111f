using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Publishing.Messaging.Outbox;

namespace Publishing.Messaging.Database;

/// <summary>
/// Brings a service's database to the latest migration before anything else starts. It works in
/// <see cref="StartingAsync"/>, which the host runs for every hosted service before any
/// <c>StartAsync</c>, so no consumer and none of the framework's own hosted services (Data
/// Protection loads the Studio's key ring from its database when it starts) meet a missing or old schema.
/// </summary>
internal sealed class DatabaseMigrator<TDbContext>(
    IServiceScopeFactory scopes, DatabaseReady<TDbContext> ready, ILogger<DatabaseMigrator<TDbContext>> log)
    : IHostedLifecycleService
    where TDbContext : DbContext
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        OutboxRegistration.EnsureModelAgrees(db, scope.ServiceProvider);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers work while a writer commits; one file per service, so this is local.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await db.Database.CloseConnectionAsync();
        }
        if (db.Database.GetMigrations().Any())
            await db.Database.MigrateAsync(cancellationToken);
        else
            await db.Database.EnsureCreatedAsync(cancellationToken); // a context without migrations (tests, tools)
        log.LogInformation("{Context} database is at the latest migration", typeof(TDbContext).Name);
        ready.Set();
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
