using Microsoft.EntityFrameworkCore;
using Publishing.Messaging.Database;

namespace Publishing.Authoring.Data;

/// <summary>Authoring's own database. Its migrations (under Migrations/Sqlite) are for SQLite.</summary>
public class AuthoringDbContext : ServiceDbContext
{
    public AuthoringDbContext(DbContextOptions<AuthoringDbContext> options) : base(options) { }

    protected AuthoringDbContext(DbContextOptions options) : base(options) { }

    public DbSet<ContentItem> Content => Set<ContentItem>();
    public DbSet<ContentRevision> Revisions => Set<ContentRevision>();
    public DbSet<Submission> Submissions => Set<Submission>();
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();
    public DbSet<PreviewLink> PreviewLinks => Set<PreviewLink>();
    public DbSet<Release> Releases => Set<Release>();
    public DbSet<ReleaseMember> ReleaseMembers => Set<ReleaseMember>();

    // Revisions and the audit trail are history: once written they are never changed or removed.
    // The database enforces it too (triggers in the Initial migrations, one per provider).
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseHistoryRewrites();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseHistoryRewrites();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void RefuseHistoryRewrites()
    {
        var rewrite = ChangeTracker.Entries()
            .FirstOrDefault(e => e.Entity is ContentRevision or AuditEntry && e.State is EntityState.Modified or EntityState.Deleted);
        if (rewrite is not null)
            throw new InvalidOperationException($"{rewrite.Entity.GetType().Name} rows are append-only; a save tried to {rewrite.State.ToString().ToLowerInvariant()} one.");
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.AddOutboxAndInbox(); // relayed by .WithOutbox() in AuthoringHost
        model.Entity<ContentItem>(e =>
        {
            e.HasIndex(c => c.Slug).IsUnique();
            e.Property(c => c.Slug).HasMaxLength(100);
            e.Property(c => c.Type).HasMaxLength(20);
            e.Property(c => c.Status).HasMaxLength(30);
            // Both guard a change of state: a stale save and a double submit each lose cleanly.
            e.Property(c => c.CurrentRevision).IsConcurrencyToken();
            e.Property(c => c.Status).IsConcurrencyToken();
            e.Property(c => c.PublishAt).IsConcurrencyToken();
            // The scheduled-publication worker's query: what is due, oldest first.
            e.HasIndex(c => new { c.Status, c.PublishAt });
            // Two releases adding the same item at once: one wins, the other sees the item taken.
            e.Property(c => c.ReleaseId).IsConcurrencyToken();
            // Restrict: history never goes with its item (and SQL Server refuses INSTEAD OF triggers under a cascade).
            e.HasMany(c => c.Revisions).WithOne().HasForeignKey(r => r.ContentId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<ContentRevision>(e =>
        {
            e.HasKey(r => new { r.ContentId, r.Number });
            e.Property(r => r.Title).HasMaxLength(300);
        });
        model.Entity<Submission>(e =>
        {
            e.HasIndex(s => new { s.ContentId, s.Revision });
            e.Property(s => s.ChangeClass).HasMaxLength(20);
            e.Property(s => s.Reason).HasMaxLength(30);
            e.Property(s => s.Status).HasMaxLength(30);
        });
        model.Entity<Release>(e =>
        {
            e.Property(r => r.Name).HasMaxLength(200);
            e.Property(r => r.Status).HasMaxLength(20);
            e.Property(r => r.Version).IsConcurrencyToken();
            e.HasIndex(r => new { r.Status, r.GoLiveAt }); // the scheduler's query
            e.HasMany(r => r.Members).WithOne().HasForeignKey(m => m.ReleaseId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ReleaseMember>(e =>
        {
            e.HasKey(m => new { m.ReleaseId, m.ContentId });
            e.Property(m => m.Slug).HasMaxLength(100);
            e.Property(m => m.Kind).HasMaxLength(20);
        });
        model.Entity<AuditEntry>(e =>
        {
            e.ToTable("AuditTrail");
            e.HasIndex(a => new { a.ContentId, a.Id });
            e.Property(a => a.Action).HasMaxLength(50);
        });
        model.Entity<PreviewLink>(e =>
        {
            e.HasIndex(l => l.TokenHash).IsUnique();
            e.HasIndex(l => new { l.ContentId, l.CreatedAt });
            e.Property(l => l.TokenHash).HasMaxLength(64);
            e.Property(l => l.CreatedById).HasMaxLength(200);
            e.Property(l => l.CreatedByName).HasMaxLength(200);
            e.Property(l => l.RevokedByName).HasMaxLength(200);
            // A link belongs to its item for good, as its history does.
            e.HasOne<ContentItem>().WithMany().HasForeignKey(l => l.ContentId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}

/// <summary>The same model on SQL Server, with its own migrations (under Migrations/SqlServer).</summary>
public sealed class AuthoringSqlServerDbContext(DbContextOptions<AuthoringSqlServerDbContext> options)
    : AuthoringDbContext(options);
