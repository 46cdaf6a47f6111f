using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Publishing.Messaging.Database;

public enum DatabaseProvider { Sqlite, SqlServer }

public static class DatabaseSettings
{
    public static DatabaseProvider Provider(IConfiguration config)
    {
        var value = config["Database:Provider"];
        if (string.IsNullOrWhiteSpace(value)) return DatabaseProvider.Sqlite;
        return Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var p)
            ? p
            : throw new InvalidOperationException($"Database:Provider '{value}' is not one of Sqlite, SqlServer.");
    }

    /// <summary>
    /// The folder for local data (<c>DataDirectory</c>, default <c>./data</c>, relative to the
    /// working directory the command was started from), created if missing.
    /// </summary>
    public static string DataDirectory(IHostApplicationBuilder builder)
    {
        var path = Path.GetFullPath(builder.Configuration["DataDirectory"] ?? "data");
        Directory.CreateDirectory(path);
        return path;
    }
}
