using Microsoft.EntityFrameworkCore;
using Publishing.Messaging;
using Publishing.Messaging.Workers;
using Publishing.SearchIndexing.Data;
using Publishing.SearchIndexing.LuceneIndex;

namespace Publishing.SearchIndexing.Indexing;

/// <summary>
/// Drains the index queue into the search index in batches: one index commit per batch, whatever
/// the number of documents, and queue rows removed only after that commit.
/// </summary>
public sealed class SearchIndexer(
    IServiceScopeFactory scopes, ISearchIndex index, IndexSignal signal, IndexWriterGate gate,
    DatabaseReady<SearchDbContext> ready, TimeProvider clock, ILogger<SearchIndexer> log) : BackgroundService
{
    public const int BatchSize = 500;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    // At a steady trickle every change would get an index commit of its own, and each commit
    // creates and fsyncs a handful of files, which queue the disk in front of every service's
    // database commits. Waiting a moment after a wake-up lets the changes of that moment share
    // one commit; a backlog is drained batch after batch without waiting.
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(50);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ready.WaitAsync(stoppingToken);
        var loop = new DrainLoop(clock)
        {
            Signal = signal,
            Interval = Poll,
            Gather = Gather,
            OnFailure = ex => log.LogError(ex, "Updating the search index failed; the queued changes stay queued and are retried"),
        };
        await loop.RunAsync(async ct => await IndexBatchAsync(ct) >= BatchSize, stoppingToken);
    }

    /// <returns>The number of queue entries applied.</returns>
    public async Task<int> IndexBatchAsync(CancellationToken ct)
    {
        using var _ = await gate.EnterAsync(ct);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SearchDbContext>();
        var queued = await db.IndexQueue.AsNoTracking().OrderBy(q => q.Id).Take(BatchSize).ToListAsync(ct);
        if (queued.Count == 0) return 0;
        // A release's rows are committed together; a batch cut inside them takes the rest too, so the
        // release reaches search in one index commit.
        var releases = queued.Where(q => q.ReleaseId != null).Select(q => q.ReleaseId).Distinct().ToList();
        if (releases.Count > 0)
        {
            var lastId = queued[^1].Id;
            queued.AddRange(await db.IndexQueue.AsNoTracking()
                .Where(q => q.Id > lastId && releases.Contains(q.ReleaseId)).OrderBy(q => q.Id).ToListAsync(ct));
        }

        var slugs = queued.Select(q => q.Slug).Distinct().ToList();
        var documents = await db.Documents.AsNoTracking().Where(d => slugs.Contains(d.Slug)).ToListAsync(ct);
        var upserts = documents.Where(d => d.State == DocumentState.Published).Select(ToSearchDocument).ToList();
        var deletes = slugs.Except(upserts.Select(u => u.Slug)).ToList();
        await index.IndexAsync(upserts, deletes, ct);

        // Exactly the rows read: a row committed meanwhile (even with a lower id on SQL Server) stays queued.
        var applied = queued.Select(q => q.Id).ToList();
        await db.IndexQueue.Where(q => applied.Contains(q.Id)).ExecuteDeleteAsync(ct);
        return queued.Count;
    }

    public static SearchDocument ToSearchDocument(PublishedDocument d) =>
        SearchDocument.From(d.Slug, d.ContentType, d.Title, d.Revision, d.Fields, d.Tags);
}
