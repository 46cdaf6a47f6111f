using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Publishing.Database.Tests;

public sealed class SqliteMigrationTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"publishing-migrations-{Guid.NewGuid():N}.db");

    [Theory]
    [MemberData(nameof(ServiceDatabase.Services), MemberType = typeof(ServiceDatabase))]
    public async Task Migrations_create_every_table_in_a_fresh_database(string project)
    {
        var service = ServiceDatabase.All[project];
        await using var db = service.Sqlite(_file);

        await db.Database.MigrateAsync();

        var tables = await db.Database
            .SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'table'")
            .ToListAsync();
        Assert.All(ServiceDatabase.MessagingTables.Concat(service.OwnTables), t => Assert.Contains(t, tables));
        Assert.Contains("__EFMigrationsHistory", tables);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _file, _file + "-wal", _file + "-shm" })
            File.Delete(file);
    }
}
