using System.Diagnostics;
using Publishing.SearchIndexing.LuceneIndex;

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
        // The first queries after the index opens run while the JIT is still compiling the search
        // path, which on two cores lasts several hundred queries. A service answers for days after
        // that, so the target is timed on a second, warm pass of other queries from the same mix;
        // the cold pass is timed too and reported beside it.
        var coldMix = Enumerable.Range(0, queries).Select(_ => corpus.Query()).ToList();
        var (cold, _, _) = Time(index, coldMix);
        var (times, byKind, seconds) = Time(index, mix);
        var mem = memory.Stop();
        var slowest = byKind.Select(k => (k.Key, P95: Stats.Of(k.Value)!.P95)).OrderByDescending(k => k.P95).Take(3)
            .Select(k => $"{k.Key} {k.P95:0.0}");
        return new Row("B6 search (Lucene index, mixed queries)", $"{documents:N0} docs, {queries:N0} q", queries / seconds,
            "queries/s", Stats.Of(times), mem,
            $"indexed at {documents / indexing.Elapsed.TotalSeconds:N0} docs/s; warm pass; the cold pass just after the index opened: p50 {Stats.Of(cold)!.P50:0.0} / p95 {Stats.Of(cold)!.P95:0.0} ms; " +
            $"slowest kinds by p95 ms: {string.Join(", ", slowest)}") { Items = queries };
    }

    private static (List<double> Times, Dictionary<string, List<double>> ByKind, double Seconds) Time(
        LuceneSearchIndex index, List<(SearchQuery Query, string Kind, string? ExpectedFirst)> mix)
    {
        var times = new List<double>(mix.Count);
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
        return (times, byKind, wall.Elapsed.TotalSeconds);
    }
}
