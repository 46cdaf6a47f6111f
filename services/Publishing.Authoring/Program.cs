using Publishing.ServiceDefaults.Hosting;
using Publishing.Authoring;

return await ServiceRunner.RunAsync(() => AuthoringHost.Create(args));

/// <summary>The entry point, public so API tests can host it with WebApplicationFactory.</summary>
public partial class Program;
