using Publishing.SearchIndexing;

await SearchIndexingHost.Create(args).RunAsync();

/// <summary>The entry point, public so API tests can host it with WebApplicationFactory.</summary>
public partial class Program;
