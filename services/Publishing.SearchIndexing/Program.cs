using Publishing.SearchIndexing;

await SearchIndexingHost.Create(args).RunAsync();
