using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Data;
using Publishing.Notifications.Data;
using Publishing.Review.Data;
using Publishing.SearchIndexing.Data;
using Publishing.Studio.Data;
using Xunit;

namespace Publishing.Database.Tests;

public enum Provider { Sqlite, SqlServer }

/// <summary>
/// One service's database: its two contexts (one per provider, each with its own migrations), its own
/// tables, whether it has the outbox and inbox, and its append-only tables (kept so by triggers the
/// migrations write by hand).
/// </summary>
public sealed record ServiceDatabase(
    string Project,
    Type SqliteContext,
    Type SqlServerContext,
    string[] OwnTables,
    bool HasOutbox,
    string[] AppendOnlyTables,
    Func<string, DbContext> CreateSqlite,
    Func<string, DbContext> CreateSqlServer)
{
    private const string UnusedSqlServer = "Server=unused;Database=unused;TrustServerCertificate=True";

    public static readonly IReadOnlyDictionary<string, ServiceDatabase> All = new[]
    {
        Define<AuthoringDbContext, AuthoringSqlServerDbContext>("Publishing.Authoring",
            ["Content", "Revisions", "Submissions", "AuditTrail"], hasOutbox: true, appendOnly: ["Revisions", "AuditTrail"],
            o => new(o), o => new(o)),
        Define<ReviewDbContext, ReviewSqlServerDbContext>("Publishing.Review",
            ["ReviewTasks", "ReviewApprovals", "PublishedItems", "PeriodicReviews"], hasOutbox: true, appendOnly: [],
            o => new(o), o => new(o)),
        Define<SearchDbContext, SearchSqlServerDbContext>("Publishing.SearchIndexing",
            ["Documents", "ChangeFeed", "IndexQueue"], hasOutbox: true, appendOnly: [],
            o => new(o), o => new(o)),
        Define<NotificationsDbContext, NotificationsSqlServerDbContext>("Publishing.Notifications",
            ["ReceivedEvents", "Subscriptions", "Deliveries", "DeliveryAttempts", "OutgoingEmails", "KnownContent", "DataProtectionKeys"],
            hasOutbox: true, appendOnly: [], o => new(o), o => new(o)),
        Define<StudioDbContext, StudioSqlServerDbContext>("Publishing.Studio",
            ["DataProtectionKeys"], hasOutbox: false, appendOnly: [], o => new(o), o => new(o)),
    }.ToDictionary(s => s.Project);

    public static readonly string[] MessagingTables = ["OutboxMessages", "InboxMessages"];

    public static TheoryData<string> Services => new(All.Keys);

    public static TheoryData<string> ServicesWithOutbox => new(All.Values.Where(s => s.HasOutbox).Select(s => s.Project));

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

    /// <summary>The tables of the database: its own, and the outbox's and inbox's when it has them.</summary>
    public IEnumerable<string> Tables => HasOutbox ? OwnTables.Concat(MessagingTables) : OwnTables;

    private static ServiceDatabase Define<TSqlite, TSqlServer>(
        string project, string[] ownTables, bool hasOutbox, string[] appendOnly,
        Func<DbContextOptions<TSqlite>, TSqlite> sqlite, Func<DbContextOptions<TSqlServer>, TSqlServer> sqlServer)
        where TSqlite : DbContext where TSqlServer : DbContext =>
        new(project, typeof(TSqlite), typeof(TSqlServer), ownTables, hasOutbox, appendOnly,
            cs => sqlite(new DbContextOptionsBuilder<TSqlite>().UseSqlite(cs).Options),
            cs => sqlServer(new DbContextOptionsBuilder<TSqlServer>().UseSqlServer(cs).Options));
}
