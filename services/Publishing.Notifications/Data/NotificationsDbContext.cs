using Microsoft.EntityFrameworkCore;
using Publishing.Messaging.Database;

namespace Publishing.Notifications.Data;

/// <summary>Notifications' own database. Its migrations (under Migrations/Sqlite) are for SQLite.</summary>
public class NotificationsDbContext : DbContext
{
    public NotificationsDbContext(DbContextOptions<NotificationsDbContext> options) : base(options) { }

    protected NotificationsDbContext(DbContextOptions options) : base(options) { }

    public DbSet<ReceivedEvent> ReceivedEvents => Set<ReceivedEvent>();

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions) =>
        conventions.UseSortableDates(Database);

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.AddMessagingTables();
        model.Entity<ReceivedEvent>(e =>
        {
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).ValueGeneratedOnAdd();
            e.Property(r => r.EventType).HasMaxLength(100);
            e.Property(r => r.Slug).HasMaxLength(100);
            // The admin view filters by slug, newest first.
            e.HasIndex(r => new { r.Slug, r.Id });
        });
    }
}

/// <summary>The same model on SQL Server, with its own migrations (under Migrations/SqlServer).</summary>
public sealed class NotificationsSqlServerDbContext(DbContextOptions<NotificationsSqlServerDbContext> options)
    : NotificationsDbContext(options);
