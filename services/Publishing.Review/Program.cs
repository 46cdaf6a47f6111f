using Publishing.ServiceDefaults.Hosting;
using Publishing.Review;

return await ServiceRunner.RunAsync(() => ReviewHost.Create(args));

/// <summary>The entry point, public so API tests can host it with WebApplicationFactory.</summary>
public partial class Program;
