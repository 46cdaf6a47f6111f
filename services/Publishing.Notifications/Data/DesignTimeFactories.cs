using Publishing.Messaging.Database;

namespace Publishing.Notifications.Data;

// Used only by `dotnet ef migrations add`; the running service configures the context from settings.
internal sealed class SqliteDesignTimeFactory : SqliteDesignTimeFactory<NotificationsDbContext>;

internal sealed class SqlServerDesignTimeFactory : SqlServerDesignTimeFactory<NotificationsSqlServerDbContext>;
