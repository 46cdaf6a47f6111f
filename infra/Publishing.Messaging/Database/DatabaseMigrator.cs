using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Publishing.Messaging.Outbox;
using Publishing.ServiceDefaults.Hosting;

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
        {
            await RefuseForeignHistoryAsync(db, cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
        }
        else
            await db.Database.EnsureCreatedAsync(cancellationToken); // a context without migrations (tests, tools)
        log.LogInformation("{Context} database is at the latest migration", typeof(TDbContext).Name);
        ready.Set();
    }

    /// <summary>
    /// A database that records migrations this build does not have was made by another build (a newer
    /// one, or one whose history was since replaced): migrating it would fail half-way or on tables that
    /// already exist, so the start stops here and says what to do.
    /// </summary>
    private static async Task RefuseForeignHistoryAsync(TDbContext db, CancellationToken ct)
    {
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var foreign = (await db.Database.GetAppliedMigrationsAsync(ct)).Where(m => !known.Contains(m)).ToList();
        if (foreign.Count == 0) return;
        throw new StartupRefusedException(
            $"The {typeof(TDbContext).Name} database records {foreign.Count} migration(s) this build does not have " +
            $"(first: {foreign[0]}): another build made it. Run that build, or back the database up and remove it " +
            "(for the standalone host, delete its data folder) so this one can create it.");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
