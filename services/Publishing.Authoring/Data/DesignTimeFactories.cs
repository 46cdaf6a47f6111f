using Publishing.Messaging.Database;

namespace Publishing.Authoring.Data;

// Used only by `dotnet ef migrations add`; the running service configures the context from settings.
internal sealed class SqliteDesignTimeFactory : SqliteDesignTimeFactory<AuthoringDbContext>;

internal sealed class SqlServerDesignTimeFactory : SqlServerDesignTimeFactory<AuthoringSqlServerDbContext>;
