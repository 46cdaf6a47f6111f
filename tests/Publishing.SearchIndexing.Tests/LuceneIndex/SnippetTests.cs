using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Store;
using Publishing.SearchIndexing.LuceneIndex;
using Xunit;

namespace Publishing.SearchIndexing.Tests.LuceneIndex;

/// <summary>The snippet shortcuts (skip fields without a query term, stop at a complete fragment) change no snippet.</summary>
public sealed class SnippetTests : IAsyncLifetime
{
    private static readonly string[] Queries =
    [
        "Glivec", "\"blood pressure\"", "\"side effects\"", "blood pressure", "vomiting OR tiredness", "tablet*", "imatin*", "sarcoma",
        "\"soft tissue sarcoma\"", "liver heart", "diarrhoea tiredness", "sarcoma -imatinib", "grapefruit OR Lartruvo", "\"once a day\"",
        "side effects treatment", "title:sarcoma", "names:sutent OR body:tablets",
    ];

    private TempIndex _index = null!;

    public async Task InitializeAsync()
    {
        _index = await SeedCorpus.IndexedAsync();
        // Long bodies, so queries find their words in several fragments.
        var seedBody = string.Join(" ", SeedCorpus.All().Select(d => d.Body));
        var words = seedBody.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var random = new Random(3);
        var docs = Enumerable.Range(0, 60)
            .Select(i => SearchQueryTests.Drug($"long-{i}", string.Join(" ", Enumerable.Range(0, 300).Select(_ => words[random.Next(words.Length)]))))
            .ToList();
        await _index.Index.IndexAsync(docs, [], default);
    }

    public Task DisposeAsync()
    {
        _index.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public void Snippets_are_those_of_the_plain_highlighter()
    {
        using var directory = FSDirectory.Open(new DirectoryInfo(_index.Index.LiveDirectory));
        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader);
        using var analyzer = SearchSchema.CreateAnalyzer();
        var compared = 0;

        foreach (var q in Queries)
        {
            var query = new MultiFieldQueryParser(SearchSchema.Version, SearchSchema.SearchedFields, analyzer, SearchSchema.Boosts) { DefaultOperator = Operator.AND }.Parse(q);
            Expand(query);
            var terms = searcher.Rewrite(query);
            foreach (var hit in _index.Index.Search(new SearchQuery(q, PageSize: 50)).Hits)
            {
                var doc = searcher.Doc(searcher.Search(new TermQuery(new Term(SearchSchema.Slug, hit.Slug)), 1).ScoreDocs[0].Doc);
                var expected = PlainSnippet(terms, analyzer, doc);
                if (expected is null) Assert.DoesNotContain("<mark>", hit.Snippet);
                else Assert.Equal(expected, hit.Snippet);
                compared++;
            }
        }
        Assert.True(compared > 200, $"only {compared} snippets compared");
    }

    private static void Expand(Query q)
    {
        if (q is MultiTermQuery multi) multi.MultiTermRewriteMethod = new MultiTermQuery.TopTermsScoringBooleanQueryRewrite(50);
        else if (q is BooleanQuery boolean) foreach (var clause in boolean.Clauses) Expand(clause.Query);
    }

    /// <summary>The highlighting the service did before the shortcuts: every value of every field, analysed whole.</summary>
    private static string? PlainSnippet(Query query, Lucene.Net.Analysis.Analyzer analyzer, Lucene.Net.Documents.Document doc)
    {
        foreach (var field in new[] { SearchSchema.Body, SearchSchema.Title, SearchSchema.Names })
        {
            var highlighter = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), new SimpleHTMLEncoder(), new QueryTermScorer(query, field))
            {
                TextFragmenter = new SimpleFragmenter(Snippets.Chars),
            };
            TextFragment? best = null;
            foreach (var text in doc.GetValues(field))
            {
                if (string.IsNullOrEmpty(text)) continue;
                foreach (var fragment in highlighter.GetBestTextFragments(analyzer.GetTokenStream(field, text), text, false, 1))
                    if (fragment is not null && fragment.Score > 0 && (best is null || fragment.Score > best.Score)) best = fragment;
            }
            if (best is not null) return System.Text.RegularExpressions.Regex.Replace(best.ToString(), @"\s+", " ").Trim();
        }
        return null;
    }
}
