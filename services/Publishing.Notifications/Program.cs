using Publishing.ServiceDefaults.Hosting;
using Publishing.Notifications;

return await ServiceRunner.RunAsync(() => NotificationsHost.Create(args));

/// <summary>The entry point, public so API tests can host it with WebApplicationFactory.</summary>
public partial class Program;
