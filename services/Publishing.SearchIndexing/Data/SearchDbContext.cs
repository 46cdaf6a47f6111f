using Microsoft.EntityFrameworkCore;
using Publishing.Messaging.Database;

namespace Publishing.SearchIndexing.Data;

/// <summary>Search indexing's own database. Its migrations (under Migrations/Sqlite) are for SQLite.</summary>
public class SearchDbContext : ServiceDbContext
{
    public SearchDbContext(DbContextOptions<SearchDbContext> options) : base(options) { }

    protected SearchDbContext(DbContextOptions options) : base(options) { }

    public DbSet<PublishedDocument> Documents => Set<PublishedDocument>();
    public DbSet<ChangeEntry> Changes => Set<ChangeEntry>();
    public DbSet<IndexQueueEntry> IndexQueue => Set<IndexQueueEntry>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.AddOutboxAndInbox(); // relayed by .WithOutbox() in SearchIndexingHost
        model.Entity<PublishedDocument>(e =>
        {
            e.HasKey(d => d.Slug);
            e.Property(d => d.Slug).HasMaxLength(100);
            e.Property(d => d.ContentType).HasMaxLength(20);
            e.Property(d => d.Title).HasMaxLength(300);
            e.Property(d => d.State).HasMaxLength(20);
            e.Property(d => d.ChangeClass).HasMaxLength(20);
            e.Property(d => d.ContentHash).HasMaxLength(100);
            // Each consumer reads, checks the revision order, then writes; these make a concurrent
            // writer for the same slug fail and retry against what the other one committed.
            e.Property(d => d.Revision).IsConcurrencyToken();
            e.Property(d => d.State).IsConcurrencyToken();
            e.Property(d => d.LastReviewed).IsConcurrencyToken();
        });
        model.Entity<IndexQueueEntry>(e =>
        {
            e.ToTable("IndexQueue");
            e.Property(q => q.Slug).HasMaxLength(100);
        });
        model.Entity<ChangeEntry>(e =>
        {
            e.ToTable("ChangeFeed");
            e.HasKey(c => c.Cursor);
            e.Property(c => c.Cursor).ValueGeneratedOnAdd();
            e.Property(c => c.Type).HasMaxLength(30);
            e.Property(c => c.Slug).HasMaxLength(100);
        });
    }
}

/// <summary>The same model on SQL Server, with its own migrations (under Migrations/SqlServer).</summary>
public sealed class SearchSqlServerDbContext(DbContextOptions<SearchSqlServerDbContext> options)
    : SearchDbContext(options);
