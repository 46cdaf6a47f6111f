using Microsoft.Data.Sqlite;

namespace Publishing.Faults.Faults;

/// <summary>
/// Another process holding a service's SQLite database: <c>BEGIN EXCLUSIVE</c> on the file, so every write the
/// service tries waits on its busy timeout and fails, until the lock is let go. Reads go on (WAL mode).
/// </summary>
public sealed class DatabaseLock : IAsyncDisposable
{
    private readonly SqliteConnection _connection;

    private DatabaseLock(SqliteConnection connection) => _connection = connection;

    public static async Task<DatabaseLock> TakeAsync(string file)
    {
        if (!File.Exists(file)) throw new FileNotFoundException($"No database at {file}");
        // Pooling off: the connection, and with it the lock, must really close when this is disposed.
        var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var begin = connection.CreateCommand();
        // Waits for a write the service has under way, then holds the file.
        begin.CommandTimeout = 60;
        begin.CommandText = "PRAGMA busy_timeout = 60000; BEGIN EXCLUSIVE;";
        await begin.ExecuteNonQueryAsync();
        return new DatabaseLock(connection);
    }

    public async ValueTask DisposeAsync()
    {
        await using (var rollback = _connection.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }
        await _connection.DisposeAsync();
    }
}
