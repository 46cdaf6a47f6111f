using Lucene.Net.Index;
using Lucene.Net.Search;
using Xunit;
using Publishing.SearchIndexing.LuceneIndex;

namespace Publishing.SearchIndexing.Tests.LuceneIndex;

/// <summary>Exact phrases answered from the word-pair fields must answer exactly as position matching does.</summary>
public sealed class PhrasePairsTests : IAsyncLifetime
{
    private static readonly string[] Sentences =
    [
        "Your blood pressure is checked at every visit.", "Pressure on the blood vessels can rise.", "High blood, low pressure.",
        "Side effects are usually mild.", "Effects on the side of the body are rare.", "Take it once a day with food.",
        "Once per day is enough.", "Once, on the day of treatment.", "Soft tissue sarcoma is rare.", "Tissue that is soft; sarcoma of bone.",
        "Ask about a clinical trial near you.", "Trials that are clinical.", "Liver problems may need a blood test.", "side side effects effects",
    ];

    private static readonly SearchQuery[] Phrases =
    [
        new("\"blood pressure\""), new("\"side effects\""), new("\"soft tissue sarcoma\""), new("\"once a day\""),
        new("\"liver problems\""), new("\"clinical trial\""), new("\"side effects\"", Page: 2, PageSize: 5),
        new("\"blood pressure\" liver"), new("\"blood pressure\" OR \"side effects\"", PageSize: 50), new("\"side side\""),
        new("\"side effects\"", Type: "article"), new("\"blood pressure\"", DrugClass: "antiemetic", PageSize: 50),
        new("title:\"soft tissue\""), new("body:\"tissue sarcoma is rare\""), new("\"sarcoma\""), new("\"blood pressure\"~2"),
        new("\"take it once a day\""), new("\"once per day\""), new("\"side effects are usually mild\""), new("\"pressure on the blood\""),
        new("\"once a day with food\"", PageSize: 50), new("\"effects on the side of the body\""),
    ];

    private TempIndex _index = null!;

    public async Task InitializeAsync()
    {
        _index = await SeedCorpus.IndexedAsync();
        var random = new Random(7);
        var docs = Enumerable.Range(0, 300).Select(i =>
        {
            var text = string.Join(" ", Enumerable.Range(0, random.Next(1, 8)).Select(_ => Sentences[random.Next(Sentences.Length)]));
            return i % 3 == 0
                ? SearchDocument.From($"article-{i}", "article", i % 2 == 0 ? "Soft tissue sarcoma care" : "Living well",
                    1, $$"""{"summary":{{System.Text.Json.JsonSerializer.Serialize(text)}},"conditions":["soft tissue sarcoma"]}""", "[]")
                : SearchQueryTests.Drug($"drug-{i}", text);
        }).ToList();
        await _index.Index.IndexAsync(docs, [], default);
    }

    public Task DisposeAsync()
    {
        _index.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public void Phrases_answer_the_same_with_word_pairs_as_with_positions()
    {
        foreach (var query in Phrases)
        {
            _index.Index.UsePhrasePairs = false;
            var positions = _index.Index.Search(query);
            _index.Index.UsePhrasePairs = true;
            var pairs = _index.Index.Search(query);

            Assert.Equal(positions.Total, pairs.Total);
            Assert.Equal(positions.Hits, pairs.Hits); // slugs, order, scores and snippets
            Assert.Equal(positions.Facets.Type, pairs.Facets.Type);
            Assert.Equal(positions.Facets.DrugClass, pairs.Facets.DrugClass);
            Assert.Equal(positions.Facets.Condition, pairs.Facets.Condition);
        }
        Assert.True(_index.Index.Search(new("\"blood pressure\"")).Total > 0);
    }

    [Fact]
    public void Only_adjacent_words_match_a_phrase()
    {
        var hits = _index.Index.Search(new("\"blood pressure\"", PageSize: 50)).Hits;

        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Contains("<mark>blood</mark> <mark>pressure</mark>", h.Snippet));
        // "Pressure on the blood vessels" has the words, with stop words between: no pair joins them.
        Assert.Equal(0, _index.Index.Search(new("\"pressure blood\"")).Total);
        Assert.True(_index.Index.Search(new("\"pressure on the blood\"")).Total > 0);
    }

    [Fact]
    public void Only_exact_title_or_body_phrases_with_words_at_most_two_positions_apart_use_word_pairs()
    {
        static PhraseQuery Phrase(string field, params (string Word, int Position)[] words)
        {
            var phrase = new PhraseQuery();
            foreach (var (word, position) in words) phrase.Add(new Term(field, word), position);
            return phrase;
        }

        Assert.IsType<PairPhraseQuery>(PairPhraseQuery.Rewrite(Phrase("body", ("blood", 0), ("pressur", 1))));
        Assert.IsType<PairPhraseQuery>(PairPhraseQuery.Rewrite(Phrase("title", ("soft", 0), ("tissu", 1), ("sarcoma", 2))));
        Assert.IsType<PairPhraseQuery>(PairPhraseQuery.Rewrite(Phrase("body", ("onc", 0), ("dai", 2)))); // a stop word between
        Assert.IsType<PhraseQuery>(PairPhraseQuery.Rewrite(Phrase("body", ("pressur", 0), ("blood", 3)))); // two
        Assert.IsType<PhraseQuery>(PairPhraseQuery.Rewrite(Phrase("keywords", ("side", 0), ("effect", 1))));
        var sloppy = Phrase("body", ("blood", 0), ("pressur", 1));
        sloppy.Slop = 2;
        Assert.IsType<PhraseQuery>(PairPhraseQuery.Rewrite(sloppy));
    }

    [Fact]
    public void Word_pairs_join_words_one_or_two_positions_apart_at_the_first_word_s_position()
    {
        using var analyzer = SearchSchema.CreateAnalyzer();
        using var stream = analyzer.GetTokenStream(SearchSchema.BodyPhrases, "Once a day, twice on the days.");
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        var increment = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.IPositionIncrementAttribute>();
        var pairs = new List<(string, int)>();
        stream.Reset();
        while (stream.IncrementToken()) pairs.Add((term.ToString(), increment.PositionIncrement));
        stream.End();

        // once@0 day@2 twice@3 day@6 ("on the" removed): nothing pairs across two stop words.
        Assert.Equal([("onc _ dai", 1), ("dai twice", 2)], pairs);
    }

    [Fact]
    public void A_new_index_is_in_the_current_format_and_stays_so_after_reopening()
    {
        Assert.False(_index.Index.NeedsRebuild);
        _index.Reopen();
        Assert.False(_index.Index.NeedsRebuild);
    }
}
