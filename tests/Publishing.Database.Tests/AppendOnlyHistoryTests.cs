using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Publishing.Authoring.Data;
using Xunit;

namespace Publishing.Database.Tests;

/// <summary>
/// Authoring's revisions and audit trail are history: the database itself refuses to change or
/// remove a row, whatever code runs against it (triggers the migrations write by hand, one form
/// per provider). The statements here go straight to the database, past the context's own guard.
/// </summary>
public sealed class AppendOnlyHistoryTests : IAsyncLifetime
{
    private const string Authoring = "Publishing.Authoring";
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"publishing-history-{Guid.NewGuid():N}.db");
    private readonly string _other = Path.Combine(Path.GetTempPath(), $"publishing-triggers-{Guid.NewGuid():N}.db");
    private readonly Guid _content = Guid.NewGuid();

    private const string FirstRevision = "SELECT COUNT(*) AS Value FROM Revisions WHERE Title = 'First'";
    private const string FirstAudit = "SELECT COUNT(*) AS Value FROM AuditTrail WHERE Action = 'created' AND Detail IS NULL";

    /// <summary>The table, a statement that would rewrite its history, and a count of the original row.</summary>
    public static TheoryData<string, string, string> Rewrites => new()
    {
        { "Revisions", "UPDATE Revisions SET Title = 'rewritten'", FirstRevision },
        { "Revisions", "DELETE FROM Revisions", FirstRevision },
        { "AuditTrail", "UPDATE AuditTrail SET Detail = 'rewritten'", FirstAudit },
        { "AuditTrail", "DELETE FROM AuditTrail", FirstAudit },
    };

    public async Task InitializeAsync()
    {
        await using var db = Open();
        await db.Database.MigrateAsync();
        var at = DateTimeOffset.UtcNow;
        db.Content.Add(new ContentItem
        {
            Id = _content, Slug = "history", Type = ContentTypes.Drug, Status = ContentStatus.Draft, CurrentRevision = 1, CreatedAt = at,
            Revisions = [new ContentRevision { Title = "First", Fields = "{}", AuthorId = "editor-1", AuthorName = "Editor", SavedAt = at }],
        });
        db.Audit.Add(new AuditEntry { ContentId = _content, Slug = "history", Revision = 1, Action = "created", ActorId = "editor-1", ActorName = "Editor", At = at });
        await db.SaveChangesAsync(); // appending is allowed
    }

    [Theory]
    [MemberData(nameof(Rewrites))]
    public async Task Sqlite_refuses_to_change_or_remove_a_history_row(string table, string statement, string original)
    {
        await using var db = Open();
        Assert.Equal(1, await db.Database.SqlQueryRaw<int>(original).SingleAsync());

        var refused = await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync(statement));

        Assert.Contains($"{table} rows are append-only", refused.Message);
        Assert.Equal(1, await db.Database.SqlQueryRaw<int>(original).SingleAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SqlServer_scripts_make_each_history_table_append_only(bool idempotent)
    {
        using var db = ServiceDatabase.All[Authoring].SqlServer();

        var script = db.GetService<IMigrator>().GenerateScript(
            options: idempotent ? MigrationsSqlGenerationOptions.Idempotent : MigrationsSqlGenerationOptions.Default);

        foreach (var table in ServiceDatabase.All[Authoring].AppendOnlyTables)
            Assert.Matches(new Regex(
                $@"CREATE TRIGGER \[{table}_AppendOnly\] ON \[{table}\] INSTEAD OF UPDATE, DELETE AS THROW 51000, '+{table} rows are append-only'+, 1;"),
                script);
        // SQL Server refuses a CREATE TRIGGER anywhere but at the start of a batch; EXEC gives it one.
        foreach (var batch in Regex.Split(script, @"^GO\s*$", RegexOptions.Multiline).Select(b => b.Trim()))
            foreach (Match trigger in Regex.Matches(batch, "CREATE TRIGGER"))
                Assert.True(trigger.Index == 0 || Regex.IsMatch(batch[..trigger.Index], @"EXEC\(N'+$"),
                    $"A CREATE TRIGGER neither opens its batch nor runs through EXEC:\n{batch}");
    }

    [Theory]
    [MemberData(nameof(ServiceDatabase.Services), MemberType = typeof(ServiceDatabase))]
    public async Task Only_the_declared_history_tables_carry_triggers(string project)
    {
        var service = ServiceDatabase.All[project];
        await using (var migrating = service.Sqlite(_other)) await migrating.Database.MigrateAsync();
        await using var sqlite = service.Sqlite(_other);
        var sqliteTriggers = await sqlite.Database
            .SqlQueryRaw<string>("SELECT tbl_name AS Value FROM sqlite_master WHERE type = 'trigger'").ToListAsync();
        using var sqlServer = service.SqlServer();
        var script = sqlServer.GetService<IMigrator>().GenerateScript();
        var sqlServerTriggers = Regex.Matches(script, @"CREATE TRIGGER \[\w+\] ON \[(?<table>\w+)\]").Select(m => m.Groups["table"].Value);

        // SQLite has one trigger per statement kind (UPDATE, DELETE), SQL Server one for both.
        Assert.Equal(service.AppendOnlyTables.SelectMany(t => new[] { t, t }).Order(), sqliteTriggers.Order());
        Assert.Equal(service.AppendOnlyTables.Order(), sqlServerTriggers.Order());
    }

    private AuthoringDbContext Open() => (AuthoringDbContext)ServiceDatabase.All[Authoring].Sqlite(_file);

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var db in new[] { _file, _other })
            foreach (var file in new[] { db, db + "-wal", db + "-shm" })
                File.Delete(file);
        return Task.CompletedTask;
    }
}
