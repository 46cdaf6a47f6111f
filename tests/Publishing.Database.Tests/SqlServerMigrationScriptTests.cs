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
    public void Full_script_creates_messaging_and_service_tables_with_native_dates(string project)
    {
        var service = ServiceDatabase.All[project];
        using var db = service.SqlServer();

        var script = db.GetService<IMigrator>().GenerateScript();

        foreach (var table in ServiceDatabase.MessagingTables.Concat(service.OwnTables))
            Assert.True(script.Contains($"CREATE TABLE [{table}]"), $"{project}: SQL Server script does not create [{table}].");
        foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()).Distinct())
            Assert.True(script.Contains($"CREATE TABLE [{table}]"), $"{project}: table [{table}] is in the model but no migration creates it.");
        Assert.Matches(new Regex(@"CREATE INDEX \[IX_OutboxMessages_LockedUntil\] ON \[OutboxMessages\] \(\[LockedUntil\]\) WHERE \[?SentAt\]? IS NULL"), script);
        Assert.Matches(new Regex(@"\[SentAt\] datetimeoffset NULL"), script);
        Assert.DoesNotMatch(new Regex(@"\[(CreatedAt|OccurredAt|ReceivedAt)\] bigint"), script);
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
