using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Xunit;

namespace Publishing.Database.Tests;

/// <summary>The SQL Server migrations are never applied in CI; generating their scripts (no server needed) still checks them.</summary>
public class SqlServerMigrationScriptTests
{
    [Theory]
    [MemberData(nameof(ServiceDatabase.Services), MemberType = typeof(ServiceDatabase))]
    public void Full_script_creates_the_service_tables_with_native_dates(string project)
    {
        var service = ServiceDatabase.All[project];
        using var db = service.SqlServer();

        var script = db.GetService<IMigrator>().GenerateScript();

        foreach (var table in service.Tables)
            Assert.True(script.Contains($"CREATE TABLE [{table}]"), $"{project}: SQL Server script does not create [{table}].");
        foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()).Distinct())
            Assert.True(script.Contains($"CREATE TABLE [{table}]"), $"{project}: table [{table}] is in the model but no migration creates it.");
        if (service.HasOutbox)
            Assert.Matches(new Regex(@"\[SentAt\] datetimeoffset NULL"), script);
        else
            Assert.All(ServiceDatabase.MessagingTables, t => Assert.DoesNotContain($"[{t}]", script));
        Assert.DoesNotMatch(new Regex(@"\[(CreatedAt|OccurredAt|ReceivedAt|SentAt|At)\] bigint"), script);
    }

    [Theory]
    [MemberData(nameof(ServiceDatabase.Services), MemberType = typeof(ServiceDatabase))]
    public void Full_script_creates_every_index_of_the_model_with_its_filter(string project)
    {
        using var db = ServiceDatabase.All[project].SqlServer();

        var script = db.GetService<IMigrator>().GenerateScript();

        foreach (var index in db.Model.GetEntityTypes().SelectMany(e => e.GetIndexes()))
        {
            var table = index.DeclaringEntityType.GetTableName();
            var columns = string.Join(", ", index.Properties.Select(p => $"[{p.GetColumnName()}]"));
            var filter = index.GetFilter() is { } f ? $" WHERE {Regex.Escape(f)}" : "";
            Assert.Matches(new Regex(
                $@"CREATE {(index.IsUnique ? "UNIQUE " : "")}INDEX \[{index.GetDatabaseName()}\] ON \[{table}\] \({Regex.Escape(columns)}\){filter};"),
                script);
        }
    }

    [Theory]
    [MemberData(nameof(ServiceDatabase.ServicesWithOutbox), MemberType = typeof(ServiceDatabase))]
    public void The_outbox_relay_finds_unsent_claimed_and_sent_rows_through_filtered_indexes(string project)
    {
        using var db = ServiceDatabase.All[project].SqlServer();

        var script = db.GetService<IMigrator>().GenerateScript();

        Assert.Contains("CREATE INDEX [IX_OutboxMessages_Unsent] ON [OutboxMessages] ([Sequence], [LockedUntil]) WHERE SentAt IS NULL;", script);
        Assert.Contains("CREATE INDEX [IX_OutboxMessages_Claimed] ON [OutboxMessages] ([LockToken]) WHERE LockToken IS NOT NULL;", script);
        Assert.Contains("CREATE INDEX [IX_OutboxMessages_Sent] ON [OutboxMessages] ([SentAt]) WHERE SentAt IS NOT NULL;", script);
    }

    [Theory]
    [MemberData(nameof(ServiceDatabase.Services), MemberType = typeof(ServiceDatabase))]
    public void Idempotent_script_guards_every_migration(string project)
    {
        using var db = ServiceDatabase.All[project].SqlServer();

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var migrations = db.Database.GetMigrations().ToList();
        Assert.NotEmpty(migrations);
        foreach (var id in migrations)
            Assert.Contains($"WHERE [MigrationId] = N'{id}'", script);
    }
}
