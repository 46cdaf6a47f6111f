using Publishing.Messaging.Database;

namespace Publishing.Studio.Data;

// Used only by `dotnet ef migrations add`; the running service configures the context from settings.
internal sealed class SqliteDesignTimeFactory : SqliteDesignTimeFactory<StudioDbContext>;

internal sealed class SqlServerDesignTimeFactory : SqlServerDesignTimeFactory<StudioSqlServerDbContext>;
