using Microsoft.EntityFrameworkCore;
using Publishing.Contracts;
using Publishing.SearchIndexing.Data;
using Publishing.SearchIndexing.Indexing;
using Publishing.SearchIndexing.LuceneIndex;

namespace Publishing.SearchIndexing.Rebuild;

/// <summary>
/// Rebuilds the search index from Authoring's published revisions: first brings this service's
/// documents up to date (a newer revision wins, a withdrawal is never undone by an older one, and
/// each revision must pass <see cref="RevisionCheck"/> before it is believed), then
/// builds a fresh index from them and swaps it in. Changes consumed meanwhile stay queued behind the
/// writer gate and are applied to the new index right after the swap, so none is lost.
/// </summary>
public sealed class SearchRebuilder(
    IServiceScopeFactory scopes, ISearchIndex index, IndexWriterGate gate, IndexSignal signal,
    TimeProvider clock, ILogger<SearchRebuilder> log)
{
    private const int PageSize = 500;
    private int _running;

    public RebuildStatus Status { get; private set; } = RebuildStatus.Never;

    /// <summary>Rebuilds from Authoring's published revisions (the configured <see cref="IPublishedRevisionSource"/>).</summary>
    /// <returns>false when a rebuild is already running.</returns>
    public bool TryStart(out Task completion) => Start(fromAuthoring: true, out completion);

    /// <summary>
    /// Rebuilds the index from the documents this service already holds, without asking Authoring
    /// (used when the index format changed: the documents are complete, only the index is outdated).
    /// </summary>
    /// <returns>false when a rebuild is already running.</returns>
    public bool TryStartFromDocuments(out Task completion) => Start(fromAuthoring: false, out completion);

    private bool Start(bool fromAuthoring, out Task completion)
    {
        completion = Task.CompletedTask;
        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0) return false;
        Status = new RebuildStatus("running", clock.GetUtcNow(), null, 0, 0, null, []);
        // The rebuild outlives the request that started it.
        completion = Task.Run(() => RunAsync(fromAuthoring, CancellationToken.None));
        return true;
    }

    private async Task RunAsync(bool refresh, CancellationToken ct)
    {
        try
        {
            var fromAuthoring = refresh ? await RefreshDocumentsAsync(ct) : 0;
            var indexed = await BuildAndSwapAsync(ct);
            Status = Status with { State = "completed", FinishedAt = clock.GetUtcNow(), DocumentsFromAuthoring = fromAuthoring, DocumentsIndexed = indexed };
            log.LogInformation("Search index rebuilt: {Indexed} documents ({FromAuthoring} read from Authoring)", indexed, fromAuthoring);
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Rebuilding the search index failed; the live index was left as it was");
            Status = Status with { State = "failed", FinishedAt = clock.GetUtcNow(), Error = ex.Message };
        }
        finally
        {
            Interlocked.Exchange(ref _running, 0);
            signal.Notify();
        }
    }

    private async Task<int> RefreshDocumentsAsync(CancellationToken ct)
    {
        var count = 0;
        var rejected = new List<RejectedRevision>();
        await using var sourceScope = scopes.CreateAsyncScope();
        var source = sourceScope.ServiceProvider.GetRequiredService<IPublishedRevisionSource>();
        await foreach (var page in source.ReadAllAsync(ct))
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SearchDbContext>();
            var slugs = page.Select(p => p.Slug).ToList();
            var held = await db.Documents.Where(d => slugs.Contains(d.Slug)).ToDictionaryAsync(d => d.Slug, ct);
            foreach (var published in page)
            {
                count++;
                var current = held.GetValueOrDefault(published.Slug);
                if (RevisionCheck.Refuse(published, current) is { } reason)
                {
                    log.LogWarning("Rebuild refused {Slug} revision {Revision}: {Reason}", published.Slug, published.Revision, reason);
                    if (rejected.Count < RebuildStatus.MaxRejectedShown) rejected.Add(new RejectedRevision(published.Slug, published.Revision, reason));
                    Status = Status with { Rejected = rejected.ToList() };
                    continue;
                }
                if (current is not null && published.Revision <= current.Revision) continue;
                var document = PublishedDocuments.From(published);
                if (current is null) db.Documents.Add(document);
                else db.Entry(current).CurrentValues.SetValues(document);
                // This service missed the publication: subscribers of the change feed should not.
                db.Changes.Add(new ChangeEntry { Type = EventTypes.Published, Slug = published.Slug, Revision = published.Revision, At = published.OccurredAt });
            }
            await db.SaveChangesAsync(ct);
        }
        return count;
    }

    private async Task<int> BuildAndSwapAsync(CancellationToken ct)
    {
        using var _ = await gate.EnterAsync(ct);
        // Disposing a builder that was not swapped in abandons it and leaves the live index alone.
        using var builder = index.BeginRebuild();
        var indexed = 0;
        string? after = null;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SearchDbContext>();
            var query = db.Documents.AsNoTracking().Where(d => d.State == DocumentState.Published);
            if (after is not null) query = query.Where(d => string.Compare(d.Slug, after) > 0);
            var batch = await query.OrderBy(d => d.Slug).Take(PageSize).ToListAsync(ct);
            if (batch.Count == 0) break;
            await builder.AddAsync(batch.Select(SearchIndexer.ToSearchDocument).ToList(), ct);
            indexed += batch.Count;
            after = batch[^1].Slug;
        }
        await builder.SwapInAsync(ct);
        return indexed;
    }
}
