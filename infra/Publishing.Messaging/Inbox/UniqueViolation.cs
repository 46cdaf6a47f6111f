using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Publishing.Messaging.Inbox;

public static class UniqueViolation
{
    /// <summary>True when a save failed only because a row with the same key already exists.</summary>
    public static bool Is(DbUpdateException ex) => ex.InnerException switch
    {
        SqliteException s => s.SqliteExtendedErrorCode is 1555 or 2067, // PRIMARYKEY, UNIQUE
        SqlException s => s.Number is 2627 or 2601,
        _ => false,
    };
}
