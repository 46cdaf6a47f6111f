using Microsoft.EntityFrameworkCore;
using Publishing.Messaging.Database;
using Publishing.Messaging.KeyRing;

namespace Publishing.Studio.Data;

/// <summary>
/// The Studio's own database. It holds no content (that belongs to the services and is reached
/// through their APIs): the Data Protection key ring that encrypts the sign-in cookie and the
/// antiforgery tokens, so they stay valid across restarts and across Studio instances, and who has
/// which item's editor open now (<see cref="EditingPresence"/>). Its migrations (under Migrations/Sqlite) are for SQLite.
/// </summary>
public class StudioDbContext : ServiceDbContext
{
    public StudioDbContext(DbContextOptions<StudioDbContext> options) : base(options) { }

    protected StudioDbContext(DbContextOptions options) : base(options) { }

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<EditingPresence> EditingPresence => Set<EditingPresence>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.AddDataProtectionKeys(); // no outbox: the Studio stages and consumes no events
        model.Entity<EditingPresence>(e =>
        {
            e.ToTable("EditingPresence");
            e.HasKey(p => new { p.Slug, p.UserId });
            e.Property(p => p.Slug).HasMaxLength(100);
            e.Property(p => p.UserId).HasMaxLength(200);
            e.Property(p => p.UserName).HasMaxLength(200);
        });
    }
}

/// <summary>The same model on SQL Server, with its own migrations (under Migrations/SqlServer).</summary>
public sealed class StudioSqlServerDbContext(DbContextOptions<StudioSqlServerDbContext> options) : StudioDbContext(options);

public static class StudioKeyRing
{
    /// <summary>
    /// The Studio's key ring in its own database; hosted beside Notifications in the standalone host,
    /// the process's one key ring is the one Notifications registered first.
    /// </summary>
    public static IHostApplicationBuilder AddStudioKeyRing(this IHostApplicationBuilder builder) =>
        builder.AddDatabaseKeyRing<StudioDbContext>("publishing-studio");
}
