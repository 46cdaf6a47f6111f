using Publishing.Messaging.Database;

namespace Publishing.SearchIndexing.Data;

// Used only by `dotnet ef migrations add`; the running service configures the context from settings.
internal sealed class SqliteDesignTimeFactory : SqliteDesignTimeFactory<SearchDbContext>;

internal sealed class SqlServerDesignTimeFactory : SqlServerDesignTimeFactory<SearchSqlServerDbContext>;
