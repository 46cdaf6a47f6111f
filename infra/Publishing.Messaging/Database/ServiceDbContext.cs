using Microsoft.EntityFrameworkCore;

namespace Publishing.Messaging.Database;

/// <summary>
/// The base of every service database (<see cref="ServiceDatabaseExtensions.AddServiceDatabase{TContext, TSqlServerContext}"/>
/// requires it). The outbox and inbox it carries compare and sort dates, which SQLite can only do on
/// the sortable form (<see cref="SqliteConventions.UseSortableDates"/>); left to each context, the one
/// that forgot it failed its outbox clean-up at every start.
/// </summary>
public abstract class ServiceDbContext(DbContextOptions options) : DbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder conventions) =>
        conventions.UseSortableDates(Database);
}
