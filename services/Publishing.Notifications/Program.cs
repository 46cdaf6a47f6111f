using Publishing.Notifications;

await NotificationsHost.Create(args).RunAsync();

/// <summary>The entry point, public so API tests can host it with WebApplicationFactory.</summary>
public partial class Program;
