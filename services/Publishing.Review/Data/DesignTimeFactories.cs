using Publishing.Messaging.Database;

namespace Publishing.Review.Data;

// Used only by `dotnet ef migrations add`; the running service configures the context from settings.
internal sealed class SqliteDesignTimeFactory : SqliteDesignTimeFactory<ReviewDbContext>;

internal sealed class SqlServerDesignTimeFactory : SqlServerDesignTimeFactory<ReviewSqlServerDbContext>;
