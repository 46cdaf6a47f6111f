using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Publishing.Database.Tests;

public sealed class SqliteMigrationTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"publishing-migrations-{Guid.NewGuid():N}.db");
    private readonly string _fromModel = Path.Combine(Path.GetTempPath(), $"publishing-model-{Guid.NewGuid():N}.db");

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
        Assert.All(service.Tables, t => Assert.Contains(t, tables));
        if (!service.HasOutbox)
            Assert.All(ServiceDatabase.MessagingTables, t => Assert.DoesNotContain(t, tables));
        Assert.Contains("__EFMigrationsHistory", tables);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    /// <summary>
    /// The migrations, applied in order, build what the model describes: every table's columns, and
    /// every index with its columns, uniqueness and filter (a partial index that lost its WHERE
    /// would still serve queries, only slower, and no other test would notice).
    /// </summary>
    [Theory]
    [MemberData(nameof(ServiceDatabase.Services), MemberType = typeof(ServiceDatabase))]
    public async Task Migrations_build_the_columns_and_indexes_the_model_describes(string project)
    {
        var service = ServiceDatabase.All[project];
        await using (var migrated = service.Sqlite(_file)) await migrated.Database.MigrateAsync();
        await using (var fromModel = service.Sqlite(_fromModel)) await fromModel.Database.EnsureCreatedAsync();

        Assert.Equal(await SchemaAsync(_fromModel), await SchemaAsync(_file));

        await using var db = service.Sqlite(_file);
        var filtered = db.Model.GetEntityTypes().SelectMany(e => e.GetIndexes()).Where(i => i.GetFilter() is not null).ToList();
        if (service.HasOutbox) Assert.Contains(filtered, i => i.GetDatabaseName() == "IX_OutboxMessages_Unsent");
        foreach (var index in filtered)
        {
            var sql = await db.Database
                .SqlQueryRaw<string>("SELECT sql AS Value FROM sqlite_master WHERE type = 'index' AND name = {0}", index.GetDatabaseName()!)
                .SingleAsync();
            Assert.EndsWith($"WHERE {index.GetFilter()}", sql.TrimEnd(';', ' '));
        }
    }

    /// <summary>Each table's columns (name, type, not null, key) and indexes (name, unique, partial, columns), sorted.</summary>
    private static async Task<List<string>> SchemaAsync(string file)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        var schema = new List<string>();
        var tables = await ReadAsync(connection,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock')");
        foreach (var table in tables.Select(t => t[0]))
        {
            foreach (var c in await ReadAsync(connection, $"SELECT name, type, \"notnull\", pk FROM pragma_table_info('{table}')"))
                schema.Add($"{table} column {string.Join(' ', c)}");
            foreach (var i in await ReadAsync(connection, $"SELECT name, \"unique\", partial FROM pragma_index_list('{table}')"))
            {
                var columns = await ReadAsync(connection, $"SELECT name FROM pragma_index_info('{i[0]}') ORDER BY seqno");
                schema.Add($"{table} index {string.Join(' ', i)} ({string.Join(", ", columns.Select(c => c[0]))})");
            }
        }
        schema.Sort(StringComparer.Ordinal);
        return schema;
    }

    private static async Task<List<string[]>> ReadAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i))!)]);
        return rows;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var db in new[] { _file, _fromModel })
            foreach (var file in new[] { db, db + "-wal", db + "-shm" })
                File.Delete(file);
    }
}
