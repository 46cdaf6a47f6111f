using Microsoft.EntityFrameworkCore;
using Publishing.Messaging.Database;
using Publishing.Messaging.KeyRing;

namespace Publishing.Notifications.Data;

/// <summary>Notifications' own database. Its migrations (under Migrations/Sqlite) are for SQLite.</summary>
public class NotificationsDbContext : ServiceDbContext
{
    public NotificationsDbContext(DbContextOptions<NotificationsDbContext> options) : base(options) { }

    protected NotificationsDbContext(DbContextOptions options) : base(options) { }

    public DbSet<ReceivedEvent> ReceivedEvents => Set<ReceivedEvent>();
    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<Delivery> Deliveries => Set<Delivery>();
    public DbSet<DeliveryAttempt> DeliveryAttempts => Set<DeliveryAttempt>();
    public DbSet<OutgoingEmail> OutgoingEmails => Set<OutgoingEmail>();
    public DbSet<KnownContent> KnownContent => Set<KnownContent>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.AddOutboxAndInbox(); // relayed by .WithOutbox() in NotificationsHost
        model.AddDataProtectionKeys(); // the key ring that encrypts webhook secrets (WebhookSecrets)
        model.Entity<ReceivedEvent>(e =>
        {
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).ValueGeneratedOnAdd();
            e.Property(r => r.EventType).HasMaxLength(100);
            e.Property(r => r.Slug).HasMaxLength(100);
            // The admin view filters by slug, newest first.
            e.HasIndex(r => new { r.Slug, r.Id });
        });
        model.Entity<Subscription>(e =>
        {
            e.ToTable("Subscriptions");
            e.Property(s => s.Id).ValueGeneratedNever();
            e.Property(s => s.Name).HasMaxLength(200);
            e.Property(s => s.Url).HasMaxLength(2000);
            e.Property(s => s.Events).HasMaxLength(200);
            e.Property(s => s.Secret).HasMaxLength(500); // encrypted: about 180 characters for a 50-character secret
            e.Property(s => s.OwnerId).HasMaxLength(200);
            e.Property(s => s.OwnerName).HasMaxLength(200);
            e.Property(s => s.OwnerEmail).HasMaxLength(320);
            e.Property(s => s.State).HasMaxLength(20);
            e.Property(s => s.DisabledReason).HasMaxLength(500);
            e.HasIndex(s => s.State);
            e.HasMany<Delivery>().WithOne().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Delivery>(e =>
        {
            e.ToTable("Deliveries");
            e.Property(d => d.Id).ValueGeneratedOnAdd();
            e.Property(d => d.WebhookId).HasMaxLength(100);
            e.HasIndex(d => d.WebhookId).IsUnique();
            e.Property(d => d.Endpoint).HasMaxLength(300);
            e.Property(d => d.EventType).HasMaxLength(50);
            e.Property(d => d.Slug).HasMaxLength(100);
            e.Property(d => d.State).HasMaxLength(20);
            e.Property(d => d.LockToken).HasMaxLength(32);
            e.Property(d => d.LastError).HasMaxLength(2000);
            // The worker's claim scans the oldest due rows (endpoint included, so the index covers it);
            // the log lists a subscription's newest first.
            e.HasIndex(d => new { d.State, d.NextAttemptAt, d.Endpoint });
            e.HasIndex(d => new { d.SubscriptionId, d.Id });
            // The oldest pending safety delivery, for its age gauge: one seek, not a walk over the
            // backlog. The filter is written as each provider writes the query's condition, or SQLite
            // does not see that the index covers the query.
            e.HasIndex(d => new { d.State, d.Id }, "IX_Deliveries_Safety").HasFilter(Database.IsSqlServer() ? "Safety = 1" : "Safety");
            e.HasMany(d => d.AttemptLog).WithOne().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<DeliveryAttempt>(e =>
        {
            e.ToTable("DeliveryAttempts");
            e.Property(a => a.Id).ValueGeneratedOnAdd();
            e.Property(a => a.Error).HasMaxLength(2000);
            e.Property(a => a.Token).HasMaxLength(32);
            e.HasIndex(a => new { a.DeliveryId, a.Id });
        });
        model.Entity<OutgoingEmail>(e =>
        {
            e.ToTable("OutgoingEmails");
            e.Property(m => m.Id).ValueGeneratedOnAdd();
            e.Property(m => m.ToAddress).HasMaxLength(320);
            e.Property(m => m.ToName).HasMaxLength(200);
            e.Property(m => m.Subject).HasMaxLength(500);
            e.Property(m => m.Kind).HasMaxLength(50);
            e.Property(m => m.State).HasMaxLength(20);
            e.Property(m => m.LockToken).HasMaxLength(32);
            e.Property(m => m.LastError).HasMaxLength(2000);
            e.HasIndex(m => new { m.State, m.NextAttemptAt });
        });
        model.Entity<KnownContent>(e =>
        {
            e.ToTable("KnownContent");
            e.HasKey(c => c.Slug);
            e.Property(c => c.Slug).HasMaxLength(100);
            e.Property(c => c.ContentType).HasMaxLength(20);
        });
    }
}

/// <summary>The same model on SQL Server, with its own migrations (under Migrations/SqlServer).</summary>
public sealed class NotificationsSqlServerDbContext(DbContextOptions<NotificationsSqlServerDbContext> options)
    : NotificationsDbContext(options);
