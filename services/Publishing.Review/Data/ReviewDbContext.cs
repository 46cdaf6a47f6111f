using Microsoft.EntityFrameworkCore;
using Publishing.Messaging.Database;

namespace Publishing.Review.Data;

/// <summary>Review's own database. Its migrations (under Migrations/Sqlite) are for SQLite.</summary>
public class ReviewDbContext : ServiceDbContext
{
    public ReviewDbContext(DbContextOptions<ReviewDbContext> options) : base(options) { }

    protected ReviewDbContext(DbContextOptions options) : base(options) { }

    public DbSet<ReviewTask> Reviews => Set<ReviewTask>();
    public DbSet<ReviewApprovalRecord> Approvals => Set<ReviewApprovalRecord>();
    public DbSet<PublishedItem> PublishedItems => Set<PublishedItem>();
    public DbSet<PeriodicReview> PeriodicReviews => Set<PeriodicReview>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.AddOutboxAndInbox(); // relayed by .WithOutbox() in ReviewHost
        model.Entity<ReviewTask>(e =>
        {
            e.ToTable("ReviewTasks");
            e.Property(t => t.Id).ValueGeneratedNever();
            e.HasIndex(t => new { t.ContentId, t.Revision });
            e.HasIndex(t => t.Status);
            e.Property(t => t.Slug).HasMaxLength(100);
            e.Property(t => t.ContentType).HasMaxLength(20);
            e.Property(t => t.Title).HasMaxLength(300);
            e.Property(t => t.ChangeClass).HasMaxLength(20);
            e.Property(t => t.Reason).HasMaxLength(30);
            e.Property(t => t.ChangeSummary).HasMaxLength(2000);
            e.Property(t => t.AuthorId).HasMaxLength(200);
            e.Property(t => t.AuthorName).HasMaxLength(200);
            e.Property(t => t.Status).HasMaxLength(30);
            e.Property(t => t.Version).IsConcurrencyToken();
            e.HasMany(t => t.Approvals).WithOne().HasForeignKey(a => a.ReviewId);
        });
        model.Entity<ReviewApprovalRecord>(e =>
        {
            e.ToTable("ReviewApprovals");
            e.HasKey(a => new { a.ReviewId, a.ReviewerId });
            e.Property(a => a.ReviewerId).HasMaxLength(200);
            e.Property(a => a.ReviewerName).HasMaxLength(200);
            e.Property(a => a.Qualification).HasMaxLength(200);
            e.Property(a => a.Comment).HasMaxLength(2000);
        });
        model.Entity<PublishedItem>(e =>
        {
            e.ToTable("PublishedItems");
            e.HasKey(i => i.ContentId);
            e.Property(i => i.ContentId).ValueGeneratedNever();
            e.HasIndex(i => i.Slug).IsUnique();
            e.HasIndex(i => i.NextReviewDue);
            e.Property(i => i.Slug).HasMaxLength(100);
            e.Property(i => i.Title).HasMaxLength(300);
            e.Property(i => i.AuthorId).HasMaxLength(200);
            e.Property(i => i.ContentType).HasMaxLength(20);
            // Two schedulers (scaled out) or a consumer racing one: whoever saves second over a
            // changed date or marker fails and re-reads, so a reminder is neither doubled nor stale.
            e.Property(i => i.NextReviewDue).IsConcurrencyToken();
            e.Property(i => i.DueNotifiedFor).IsConcurrencyToken();
            e.Property(i => i.OverdueNotifiedFor).IsConcurrencyToken();
        });
        model.Entity<PeriodicReview>(e =>
        {
            e.ToTable("PeriodicReviews");
            e.Property(r => r.Id).ValueGeneratedNever();
            e.HasIndex(r => new { r.ContentId, r.At });
            e.Property(r => r.Slug).HasMaxLength(100);
            e.Property(r => r.ReviewerId).HasMaxLength(200);
            e.Property(r => r.ReviewerName).HasMaxLength(200);
            e.Property(r => r.Qualification).HasMaxLength(200);
            e.Property(r => r.Comment).HasMaxLength(2000);
        });
    }
}

/// <summary>The same model on SQL Server, with its own migrations (under Migrations/SqlServer).</summary>
public sealed class ReviewSqlServerDbContext(DbContextOptions<ReviewSqlServerDbContext> options)
    : ReviewDbContext(options);
