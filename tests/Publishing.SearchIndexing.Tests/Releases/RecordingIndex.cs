using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Publishing.SearchIndexing.LuceneIndex;

namespace Publishing.SearchIndexing.Tests.Releases;

/// <summary>The service's own index, with every incremental index commit (its upserted and deleted slugs) recorded.</summary>
public sealed class RecordingIndex(ISearchIndex inner) : ISearchIndex
{
    public ConcurrentQueue<HashSet<string>> Commits { get; } = new();

    public async Task IndexAsync(IReadOnlyCollection<SearchDocument> upserts, IReadOnlyCollection<string> deletes, CancellationToken ct = default)
    {
        await inner.IndexAsync(upserts, deletes, ct);
        Commits.Enqueue(upserts.Select(u => u.Slug).Concat(deletes).ToHashSet());
    }

    public SearchResult Search(SearchQuery query) => inner.Search(query);
    public bool NeedsRebuild => inner.NeedsRebuild;
    public Task<int> CountAsync(CancellationToken ct = default) => inner.CountAsync(ct);
    public ISearchIndexBuilder BeginRebuild() => inner.BeginRebuild();

    /// <summary>Wraps the host's own registration.</summary>
    public static void Replace(IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(ISearchIndex));
        services.Remove(original);
        services.AddSingleton(sp => new RecordingIndex((ISearchIndex)original.ImplementationFactory!(sp)));
        services.AddSingleton<ISearchIndex>(sp => sp.GetRequiredService<RecordingIndex>());
    }
}
