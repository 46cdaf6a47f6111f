using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Directory = System.IO.Directory;

namespace Publishing.SearchIndexing.LuceneIndex;

/// <summary>
/// The embedded Lucene.NET index. On disk under the root folder given to the constructor:
/// one sub-folder per generation (<c>gen-000001</c>, …) and a <c>current</c> file naming the live one,
/// replaced atomically when a rebuild is swapped in, so the swap survives a restart.
/// One writer (batches serialised, one commit each); any number of concurrent searches through a
/// <see cref="SearcherManager"/> refreshed after every commit. The generations and rebuilding into a new one are in
/// <c>LuceneSearchIndex.Generations.cs</c>.
/// </summary>
public sealed partial class LuceneSearchIndex : ISearchIndex, IDisposable
{
    private const string PointerFile = "current";
    private const string GenerationPrefix = "gen-";

    private readonly string _root;
    private readonly SearchBudget? _budget;
    private readonly Analyzer _analyzer = SearchSchema.CreateAnalyzer();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly object _swapGate = new();
    private Generation _live;
    private Builder? _builder;
    private bool _disposed;

    /// <param name="budget">How long one search may run (the service passes its configured one); null for no limit.</param>
    public LuceneSearchIndex(string rootPath, SearchBudget? budget = null)
    {
        _root = Path.GetFullPath(rootPath);
        _budget = budget;
        Directory.CreateDirectory(_root);

        var name = ReadPointer();
        if (name is null || !Directory.Exists(Path.Combine(_root, name)))
        {
            // First start, or the live folder is gone: start empty (a rebuild fills it).
            name = GenerationName(NextGenerationNumber());
            _live = OpenGeneration(name, OpenMode.CREATE);
            WritePointer(name);
        }
        else
        {
            _live = OpenGeneration(name, OpenMode.CREATE_OR_APPEND);
        }

        // Leftovers of abandoned rebuilds, or of an old generation that could not be deleted after a swap.
        foreach (var stale in Directory.EnumerateDirectories(_root, GenerationPrefix + "*"))
            if (!string.Equals(Path.GetFileName(stale), name, StringComparison.Ordinal)) TryDeleteDirectory(stale);
    }

    /// <summary>The folder of the live generation (for diagnostics and tests).</summary>
    public string LiveDirectory => Path.Combine(_root, _live.Name);

    /// <summary>True when the live index was written in an older <see cref="SearchSchema.Format"/>: it still answers, but slower, until rebuilt.</summary>
    public bool NeedsRebuild => !_live.Current;

    /// <summary>Answers exact phrases from the word-pair fields when the index has them (tests turn it off to compare).</summary>
    internal bool UsePhrasePairs { get; set; } = true;

    public async Task IndexAsync(IReadOnlyCollection<SearchDocument> upserts, IReadOnlyCollection<string> deletes, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(upserts);
        ArgumentNullException.ThrowIfNull(deletes);
        // Build every Lucene document first, so a bad one fails the batch before anything is written.
        var documents = upserts.Select(ToLucene).ToList();

        await _writeLock.WaitAsync(ct);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var writer = _live.Writer;
            foreach (var (slug, doc) in documents) writer.UpdateDocument(new Term(SearchSchema.Slug, slug), doc);
            foreach (var slug in deletes) writer.DeleteDocuments(new Term(SearchSchema.Slug, slug));
            _builder?.Mirror(documents, deletes);
            writer.Commit();
            _live.Manager.MaybeRefreshBlocking();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public Task<int> CountAsync(CancellationToken ct = default)
    {
        var (generation, searcher) = Acquire();
        try
        {
            return Task.FromResult(searcher.IndexReader.NumDocs);
        }
        finally
        {
            generation.Manager.Release(searcher);
        }
    }

    public SearchResult Search(SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var deadline = _budget?.Start();
        if (query.Page < 1) throw new SearchQueryException("page must be 1 or more.");
        if (query.PageSize is < 1 or > SearchQuery.MaxPageSize)
            throw new SearchQueryException($"pageSize must be between 1 and {SearchQuery.MaxPageSize}.");
        if ((long)query.Page * query.PageSize > SearchQuery.MaxResultWindow)
            throw new SearchQueryException($"Only the first {SearchQuery.MaxResultWindow:N0} results can be paged through; narrow the search instead.");

        var parsed = Parse(query.Q);
        var browse = parsed is null or MatchAllDocsQuery;
        var lucene = parsed ?? new MatchAllDocsQuery();
        var filter = FilterFor(query);

        var (generation, searcher) = Acquire();
        try
        {
            if (generation.Current && UsePhrasePairs) lucene = PairPhraseQuery.Rewrite(lucene);
            lucene = FuzzyWords.Rewrite(lucene, searcher);
            deadline?.Check();
            var start = (query.Page - 1) * query.PageSize;
            var numHits = (int)Math.Min((long)query.Page * query.PageSize, Math.Max(1, searcher.IndexReader.MaxDoc));
            // Ties are broken by slug, so equal documents come back in the same order whatever their internal ids.
            var sort = browse
                ? new Sort(new SortField(SearchSchema.SortTitle, SortFieldType.STRING), new SortField(SearchSchema.SortSlug, SortFieldType.STRING))
                : new Sort(SortField.FIELD_SCORE, new SortField(SearchSchema.SortSlug, SortFieldType.STRING));
            // Scored in order, as the facet collector asks (see there).
            var top = TopFieldCollector.Create(sort, numHits, fillFields: false, trackDocScores: !browse, trackMaxScore: false, docsScoredInOrder: true);
            var facets = new FacetCollector(SearchSchema.FacetFields);
            try
            {
                var collector = MultiCollector.Wrap(top, facets);
                searcher.Search(lucene, filter, deadline is null ? collector : new BudgetedCollector(collector, deadline));
            }
            catch (BooleanQuery.TooManyClausesException e)
            {
                throw new SearchQueryException("The search query expands to too many terms; make prefixes and wildcards more specific.", e);
            }

            var page = top.GetTopDocs(start, query.PageSize).ScoreDocs;
            // Preparing the highlighter rewrites the query's fuzzy words and prefixes again: not for an empty page.
            var highlight = browse || page.Length == 0 ? null : Snippets.For(lucene, _analyzer, searcher);
            var hits = new List<SearchHit>();
            foreach (var scoreDoc in page)
            {
                deadline?.Check();
                var doc = searcher.Doc(scoreDoc.Doc);
                hits.Add(new SearchHit(
                    doc.Get(SearchSchema.Slug),
                    doc.Get(SearchSchema.Type),
                    doc.Get(SearchSchema.Title),
                    highlight?.Snippet(scoreDoc.Doc, doc) ?? Snippets.Plain(doc.Get(SearchSchema.Body)),
                    doc.GetField(SearchSchema.Revision)?.GetInt32Value() ?? 0,
                    browse || float.IsNaN(scoreDoc.Score) ? 0f : scoreDoc.Score));
            }

            var counts = facets.Results(SearchFacets.MaxValues);
            return new SearchResult(top.TotalHits, hits, new SearchFacets(counts[0], counts[1], counts[2]));
        }
        finally
        {
            generation.Manager.Release(searcher);
        }
    }

    public void Dispose()
    {
        _writeLock.Wait();
        try
        {
            if (_disposed) return;
            if (_builder is { } builder)
            {
                builder.Close();
                builder.Generation.Rollback();
                _builder = null;
            }
            lock (_swapGate)
            {
                _disposed = true;
                _live.Dispose();
            }
            _analyzer.Dispose();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    // ---- searching -------------------------------------------------------------------------

    private (Generation, IndexSearcher) Acquire()
    {
        // The gate only covers picking the generation and taking a reference; a swap closes the old
        // manager after this, and a searcher taken here stays usable until released.
        lock (_swapGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return (_live, _live.Manager.Acquire());
        }
    }

    private Query? Parse(string? q)
    {
        var text = q?.Trim();
        if (string.IsNullOrEmpty(text) || text == "*") return null;
        if (text.Length > SearchQuery.MaxQueryLength)
            throw new SearchQueryException($"The search query is longer than {SearchQuery.MaxQueryLength} characters.");
        return BoundedQueryParser.Parse(text, _analyzer);
    }

    private static Filter? FilterFor(SearchQuery query)
    {
        var clauses = new BooleanQuery();
        AddFilter(clauses, SearchSchema.FilterType, query.Type);
        AddFilter(clauses, SearchSchema.FilterDrugClass, query.DrugClass);
        AddFilter(clauses, SearchSchema.FilterCondition, query.Condition);
        return clauses.Clauses.Count == 0 ? null : new QueryWrapperFilter(clauses);
    }

    private static void AddFilter(BooleanQuery into, string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
            into.Add(new TermQuery(new Term(field, SearchSchema.Normalize(value))), Occur.MUST);
    }
}
