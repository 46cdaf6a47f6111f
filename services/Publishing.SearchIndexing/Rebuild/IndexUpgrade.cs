using Publishing.Messaging;
using Publishing.SearchIndexing.Data;
using Publishing.SearchIndexing.LuceneIndex;

namespace Publishing.SearchIndexing.Rebuild;

/// <summary>
/// At start-up, rebuilds an index written in an older format from the documents in this service's own
/// database. The old index answers searches (phrases the slow way) until the new one is swapped in;
/// changes arriving meanwhile wait in the index queue and are applied right after, as with any rebuild.
/// A failed upgrade leaves the old index live and is tried again at the next start.
/// </summary>
public sealed class IndexUpgrade(ISearchIndex index, SearchRebuilder rebuilder, DatabaseReady<SearchDbContext> ready, ILogger<IndexUpgrade> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!index.NeedsRebuild) return;
        await ready.WaitAsync(stoppingToken);
        log.LogInformation("The search index was written in an older format; rebuilding it from the stored documents");
        // An admin rebuild already running builds the current format too.
        if (rebuilder.TryStartFromDocuments(out var completion)) await completion;
    }
}
