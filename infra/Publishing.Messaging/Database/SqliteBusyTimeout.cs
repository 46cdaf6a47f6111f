using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Publishing.Messaging.Database;

/// <summary>
/// Lets SQLite itself wait for the write lock (its busy handler retries within milliseconds) instead
/// of surfacing SQLITE_BUSY to Microsoft.Data.Sqlite, whose own retry sleeps far longer. Every service
/// has many short writers at once (consumers, the outbox relay, background workers). It waits as long
/// as a command may run: the connection's <c>Default Timeout</c> (30 s unless the connection string says
/// otherwise); a lock held longer fails the command as transient, and the consumer's retry takes over.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    // A direct call on the native handle, not a PRAGMA statement: EF opens a pooled connection for
    // almost every command outside a transaction, and parsing a statement each time costs more.
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle } sqlite)
            SQLitePCL.raw.sqlite3_busy_timeout(handle, checked(sqlite.DefaultTimeout * 1000));
    }
}
