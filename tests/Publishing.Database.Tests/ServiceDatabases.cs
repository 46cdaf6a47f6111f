using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Data;
using Publishing.Notifications.Data;
using Publishing.Review.Data;
using Publishing.SearchIndexing.Data;
using Xunit;

namespace Publishing.Database.Tests;

public enum Provider { Sqlite, SqlServer }

/// <summary>One service's database: its two contexts (one per provider, each with its own migrations) and its own tables.</summary>
public sealed record ServiceDatabase(
    string Project,
    Type SqliteContext,
    Type SqlServerContext,
    string[] OwnTables,
    Func<string, DbContext> CreateSqlite,
    Func<string, DbContext> CreateSqlServer)
{
    private const string UnusedSqlServer = "Server=unused;Database=unused;TrustServerCertificate=True";

    public static readonly IReadOnlyDictionary<string, ServiceDatabase> All = new[]
    {
        Define<AuthoringDbContext, AuthoringSqlServerDbContext>("Publishing.Authoring",
            ["Content", "Revisions", "Submissions", "AuditTrail"], o => new(o), o => new(o)),
        Define<ReviewDbContext, ReviewSqlServerDbContext>("Publishing.Review",
            ["ReviewTasks", "ReviewApprovals", "PublishedItems", "PeriodicReviews"], o => new(o), o => new(o)),
        Define<SearchDbContext, SearchSqlServerDbContext>("Publishing.SearchIndexing",
            ["Documents", "ChangeFeed", "IndexQueue"], o => new(o), o => new(o)),
        Define<NotificationsDbContext, NotificationsSqlServerDbContext>("Publishing.Notifications",
            ["ReceivedEvents", "Subscriptions", "Deliveries", "DeliveryAttempts", "OutgoingEmails", "KnownContent"], o => new(o), o => new(o)),
    }.ToDictionary(s => s.Project);

    public static readonly string[] MessagingTables = ["OutboxMessages", "InboxMessages"];

    public static TheoryData<string> Services => new(All.Keys);

    public static TheoryData<string, Provider> ServicesAndProviders
    {
        get
        {
            var data = new TheoryData<string, Provider>();
            foreach (var service in All.Keys)
                foreach (var provider in Enum.GetValues<Provider>())
                    data.Add(service, provider);
            return data;
        }
    }

    public DbContext SqlServer() => CreateSqlServer(UnusedSqlServer);

    /// <param name="file">The SQLite database file; it need not exist.</param>
    public DbContext Sqlite(string file) => CreateSqlite($"Data Source={file}");

    public Type Context(Provider provider) => provider == Provider.Sqlite ? SqliteContext : SqlServerContext;

    private static ServiceDatabase Define<TSqlite, TSqlServer>(
        string project, string[] ownTables,
        Func<DbContextOptions<TSqlite>, TSqlite> sqlite, Func<DbContextOptions<TSqlServer>, TSqlServer> sqlServer)
        where TSqlite : DbContext where TSqlServer : DbContext =>
        new(project, typeof(TSqlite), typeof(TSqlServer), ownTables,
            cs => sqlite(new DbContextOptionsBuilder<TSqlite>().UseSqlite(cs).Options),
            cs => sqlServer(new DbContextOptionsBuilder<TSqlServer>().UseSqlServer(cs).Options));
}
