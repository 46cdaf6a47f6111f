using Microsoft.EntityFrameworkCore;

namespace Publishing.Messaging.Database;

/// <summary>
/// The base of every service database (<see cref="ServiceDatabaseExtensions.AddServiceDatabase{TContext, TSqlServerContext}"/>
/// requires it). Its tables compare and sort dates (the outbox's and inbox's among them), which SQLite
/// can only do on the sortable form (<see cref="SqliteConventions.UseSortableDates"/>); left to each
/// context, the one that forgets it fails its first date comparison.
/// </summary>
public abstract class ServiceDbContext(DbContextOptions options) : DbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder conventions) =>
        conventions.UseSortableDates(Database);
}
