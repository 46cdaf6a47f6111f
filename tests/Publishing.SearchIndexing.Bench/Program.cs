using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Publishing.Benchmarks;
using Publishing.SearchIndexing.Bench;
using Publishing.SearchIndexing.LuceneIndex;

// Indexing throughput and query latency of LuceneSearchIndex on a generated corpus of drugs and articles.
// --hostile instead times requests meant to be expensive, with the service's time budget (--budget ms, default 500)
// and its start-up warm-up (--cold to skip it).
var docs = IntArg("--docs", 100_000);
var batchSize = IntArg("--batch", 1_000);
var queryCount = IntArg("--queries", 1_000);
var warmup = IntArg("--warmup", 50);
var keep = args.Contains("--keep");
var hostile = args.Contains("--hostile");
var random = new Random(42);

var corpus = Corpus.Load(Path.Combine(AppContext.BaseDirectory, "Seed"), random);
// --index DIR keeps the index there and, when it already holds the corpus, only runs the queries.
var reuse = StrArg("--index");
var root = reuse ?? Path.Combine(Path.GetTempPath(), "search-bench-" + Guid.NewGuid().ToString("N")[..8]);
Console.WriteLine($"Index folder: {root}");
Console.WriteLine($"Documents: {docs:N0} in batches of {batchSize:N0} (one commit each); {Environment.ProcessorCount} cores; .NET {Environment.Version}");

var budget = hostile ? new SearchBudget(TimeSpan.FromMilliseconds(IntArg("--budget", (int)SearchBudget.DefaultLimit.TotalMilliseconds)), TimeProvider.System) : null;
using (var index = new LuceneSearchIndex(root, budget))
{
    // ---- indexing ----
    var indexing = new Stopwatch();
    var generating = Stopwatch.StartNew();
    var generated = new List<SearchDocument>(docs);
    for (var i = 0; i < docs; i++) generated.Add(corpus.Next(i));
    generating.Stop();
    var bodyChars = generated.Sum(d => (long)d.Body.Length);
    Console.WriteLine($"Generated in {generating.Elapsed.TotalSeconds:F1} s; average body {bodyChars / docs:N0} chars; {corpus.Drugs.Count:N0} drugs, {docs - corpus.Drugs.Count:N0} articles");

    var alreadyIndexed = reuse is not null && await index.CountAsync() == docs;
    for (var start = 0; !alreadyIndexed && start < docs; start += batchSize)
    {
        var batch = generated.GetRange(start, Math.Min(batchSize, docs - start));
        indexing.Start();
        await index.IndexAsync(batch, [], CancellationToken.None);
        indexing.Stop();
    }
    generated.Clear();
    Console.WriteLine(alreadyIndexed
        ? $"Reused the index in {root}: {await index.CountAsync():N0} documents"
        : $"Indexed {await index.CountAsync():N0} documents in {indexing.Elapsed.TotalSeconds:F1} s = {docs / indexing.Elapsed.TotalSeconds:N0} documents/second");
    Console.WriteLine($"Index size on disk: {DirectorySize(root) / 1024.0 / 1024.0:N0} MB");

    if (hostile)
    {
        // As the service does at start-up, unless --cold: the first requests then also pay for the JIT.
        if (!args.Contains("--cold"))
        {
            var warming = new SearchWarmup(Microsoft.Extensions.Logging.Abstractions.NullLogger<SearchWarmup>.Instance);
            await warming.StartAsync(CancellationToken.None);
            await warming.ExecuteTask!;
        }
        Hostile.Run(index, IntArg("--repeat", 3), StrArg("--only"));
    }
    else
    {
        // ---- queries ----
        var queries = Enumerable.Range(0, queryCount).Select(_ => corpus.Query()).ToList();
        foreach (var (query, _, _) in queries.Take(warmup)) index.Search(query); // warm-up

        // Garbage collections during the timed queries, to tell collector pauses from search work in the tail.
        var gcBefore = (Gen0: GC.CollectionCount(0), Gen1: GC.CollectionCount(1), Gen2: GC.CollectionCount(2), Pause: GC.GetTotalPauseDuration(), Allocated: GC.GetTotalAllocatedBytes());
        var brandFirst = 0;
        var brandQueries = 0;
        long totalHits = 0;
        var (times, byKind) = Pass((expectedFirst, result) =>
        {
            totalHits += result.Total;
            if (expectedFirst is null) return;
            brandQueries++;
            if (result.Hits.FirstOrDefault()?.Slug == expectedFirst) brandFirst++;
        });

        Console.WriteLine($"Queries: {queryCount:N0} mixed, single-threaded, page size 10 with snippets and facets; average {totalHits / Math.Max(1, queryCount):N0} matches each");
        Report(times, byKind);
        Console.WriteLine($"Brand-name queries with the generic ranked first: {brandFirst}/{brandQueries}");
        Console.WriteLine($"GC during the queries: gen0 {GC.CollectionCount(0) - gcBefore.Gen0}, gen1 {GC.CollectionCount(1) - gcBefore.Gen1}, gen2 {GC.CollectionCount(2) - gcBefore.Gen2}; " +
            $"paused {(GC.GetTotalPauseDuration() - gcBefore.Pause).TotalMilliseconds:N0} ms; allocated {(GC.GetTotalAllocatedBytes() - gcBefore.Allocated) / 1024.0 / 1024.0 / queryCount:F1} MB per query");

        // The same queries again, reported separately (the figures above stay the benchmark's): in the first pass
        // the JIT is still moving hot code to its optimised tiers, which dominates its tail.
        var (again, againByKind) = Pass((_, _) => { });
        Console.WriteLine("Second pass over the same queries (JIT warmed):");
        Report(again, againByKind);

        // Times every query once, one at a time, handing each result to check (outside the timing).
        (List<double> Times, Dictionary<string, List<double>> ByKind) Pass(Action<string?, SearchResult> check)
        {
            var passTimes = new List<double>(queryCount);
            var passByKind = new Dictionary<string, List<double>>();
            foreach (var (query, kind, expectedFirst) in queries)
            {
                var watch = Stopwatch.StartNew();
                var result = index.Search(query);
                watch.Stop();
                var ms = watch.Elapsed.TotalMilliseconds;
                passTimes.Add(ms);
                (passByKind.TryGetValue(kind, out var list) ? list : passByKind[kind] = []).Add(ms);
                check(expectedFirst, result);
            }
            return (passTimes, passByKind);
        }

        static void Report(List<double> all, Dictionary<string, List<double>> byKind)
        {
            Console.WriteLine($"  all         p50 {P(all, 50):F2} ms  p95 {P(all, 95):F2} ms  p99 {P(all, 99):F2} ms  max {all.Max():F2} ms");
            foreach (var (kind, list) in byKind.OrderBy(k => k.Key))
                Console.WriteLine($"  {kind,-11} p50 {P(list, 50):F2} ms  p95 {P(list, 95):F2} ms  p99 {P(list, 99):F2} ms  (n={list.Count})");
        }
    }
}

if (!keep && reuse is null) Directory.Delete(root, recursive: true);
return;

string? StrArg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

int IntArg(string name, int fallback) => int.TryParse(StrArg(name), out var value) ? value : fallback;

static double P(List<double> values, int percentile)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}

static long DirectorySize(string path) =>
    new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
