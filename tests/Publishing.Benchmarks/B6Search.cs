using System.Diagnostics;
using Publishing.SearchIndexing.Search;

namespace Publishing.Benchmarks;

/// <summary>
/// B6 search: the Search-indexing service's Lucene index (<see cref="LuceneSearchIndex"/>, what
/// <c>GET /api/search</c> calls) over generated drugs and articles, then mixed queries one at a time
/// (page of 10 with snippets and facets), as tests/Publishing.SearchIndexing.Bench does.
/// </summary>
public static class B6Search
{
    public static async Task<Row> RunAsync(string data, int documents, int queries)
    {
        var random = new Random(42);
        var corpus = Corpus.Load(Path.Combine(AppContext.BaseDirectory, "Seed"), random);
        var memory = MemorySampler.Start();
        using var index = new LuceneSearchIndex(Path.Combine(data, "b6-search-index"));
        var indexing = Stopwatch.StartNew();
        for (var start = 0; start < documents; start += 1000)
        {
            var batch = Enumerable.Range(start, Math.Min(1000, documents - start)).Select(corpus.Next).ToList();
            await index.IndexAsync(batch, []);
        }
        indexing.Stop();

        var mix = Enumerable.Range(0, queries).Select(_ => corpus.Query()).ToList();
        foreach (var (query, _, _) in mix.Take(50)) index.Search(query); // warm-up

        var times = new List<double>(queries);
        var byKind = new Dictionary<string, List<double>>();
        var wall = Stopwatch.StartNew();
        foreach (var (query, kind, _) in mix)
        {
            var t = Stopwatch.GetTimestamp();
            index.Search(query);
            var ms = Clock.Ms(t, Stopwatch.GetTimestamp());
            times.Add(ms);
            (byKind.TryGetValue(kind, out var list) ? list : byKind[kind] = []).Add(ms);
        }
        wall.Stop();
        var mem = memory.Stop();
        var slowest = byKind.Select(k => (k.Key, P95: Stats.Of(k.Value)!.P95)).OrderByDescending(k => k.P95).Take(3)
            .Select(k => $"{k.Key} {k.P95:0.0}");
        return new Row("B6 search (Lucene index, mixed queries)", $"{documents:N0} docs, {queries:N0} q", queries / wall.Elapsed.TotalSeconds,
            "queries/s", Stats.Of(times), mem,
            $"indexed at {documents / indexing.Elapsed.TotalSeconds:N0} docs/s; slowest kinds by p95 ms: {string.Join(", ", slowest)}") { Items = queries };
    }
}
