using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Publishing.Messaging.Database;

public static class BulkInsert
{
    /// <summary>
    /// Inserts many new rows of one entity type in the context's current transaction. On SQLite this
    /// runs one prepared INSERT per row: change tracking, batching and reading back the generated keys
    /// cost far more CPU than SQLite itself for a fan-out of hundreds of rows. Other providers, where
    /// each statement is a network round trip, get EF's own batching on the next SaveChanges.
    /// Values go through each property's type mapping, so converters apply exactly as in SaveChanges.
    /// The rows are not tracked and their generated keys are not read back.
    /// </summary>
    public static async Task InsertManyAsync<T>(this DbContext db, IReadOnlyCollection<T> rows, CancellationToken ct)
        where T : class
    {
        if (rows.Count == 0) return;
        if (!db.Database.IsSqlite())
        {
            db.Set<T>().AddRange(rows);
            return;
        }

        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("InsertManyAsync runs inside the caller's transaction; begin one first.");
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T)} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never).ToList();
        if (entity.GetProperties().Any(p => p.ValueGenerated != ValueGenerated.Never && !p.IsPrimaryKey()))
            throw new NotSupportedException($"{typeof(T).Name} has store-generated values other than its key.");

        var sql = db.GetService<ISqlGenerationHelper>();
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} " +
            $"({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";

        foreach (var row in rows)
        {
            command.Parameters.Clear();
            for (var i = 0; i < columns.Count; i++)
            {
                var property = columns[i];
                var value = property.GetGetter().GetClrValueUsingContainingEntity(row);
                command.Parameters.Add(property.GetRelationalTypeMapping().CreateParameter(command, "@p" + i, value, property.IsNullable));
            }
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
