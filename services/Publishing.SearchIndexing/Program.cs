using Publishing.ServiceDefaults.Hosting;
using Publishing.SearchIndexing;

return await ServiceRunner.RunAsync(() => SearchIndexingHost.Create(args));

/// <summary>The entry point, public so API tests can host it with WebApplicationFactory.</summary>
public partial class Program;
