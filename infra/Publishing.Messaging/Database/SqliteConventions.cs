using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Publishing.Messaging.Database;

public static class SqliteConventions
{
    /// <summary>
    /// SQLite has no date type, and EF cannot compare or sort DateTimeOffset stored as text; stored
    /// as a number it sorts and compares correctly. SQL Server keeps its native datetimeoffset.
    /// </summary>
    public static void UseSortableDates(this ModelConfigurationBuilder conventions, DatabaseFacade database)
    {
        if (!database.IsSqlite()) return;
        conventions.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        conventions.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
