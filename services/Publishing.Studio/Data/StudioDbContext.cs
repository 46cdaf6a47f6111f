using Microsoft.EntityFrameworkCore;
using Publishing.Messaging.Database;
using Publishing.Messaging.KeyRing;

namespace Publishing.Studio.Data;

/// <summary>
/// The Studio's own database. It holds no content (that belongs to the services and is reached
/// through their APIs), only the Data Protection key ring that encrypts the sign-in cookie and the
/// antiforgery tokens, so they stay valid across restarts and across Studio instances. Its migrations
/// (under Migrations/Sqlite) are for SQLite.
/// </summary>
public class StudioDbContext : ServiceDbContext
{
    public StudioDbContext(DbContextOptions<StudioDbContext> options) : base(options) { }

    protected StudioDbContext(DbContextOptions options) : base(options) { }

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.AddDataProtectionKeys(); // no outbox: the Studio stages and consumes no events
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
