using Publishing.SearchIndexing.LuceneIndex;
using Xunit;

namespace Publishing.SearchIndexing.Tests.LuceneIndex;

/// <summary>What a query may ask for (BoundedQueryParser) and the time budget (SearchBudget), on the index itself.</summary>
public sealed class SearchLimitsTests : IAsyncLifetime
{
    private TempIndex _index = null!;

    public async Task InitializeAsync()
    {
        _index = await SeedCorpus.IndexedAsync();
        await _index.Index.IndexAsync([SearchQueryTests.Drug("trabectedin", "Given as 1.5 mg/m2 over 24 hours, and/or as advised by the team.")], []);
    }

    public Task DisposeAsync()
    {
        _index.Dispose();
        return Task.CompletedTask;
    }

    private IReadOnlyList<string> Slugs(string q, int page = 1, int pageSize = 10) => _index.Slugs(new SearchQuery(q, Page: page, PageSize: pageSize));

    private SearchQueryException Refused(string q) => Assert.Throws<SearchQueryException>(() => Slugs(q));

    [Theory]
    [InlineData("mg/m2")]
    [InlineData("and/or advised")]
    [InlineData("\"1.5 mg/m2\"")]
    public void A_slash_is_searched_as_text(string q) => Assert.Contains("trabectedin", Slugs(q));

    [Fact]
    public void A_regular_expression_is_refused_not_run() =>
        // A regular expression exponential to determinise in the repeat count.
        Assert.Contains("regular expressions", Refused("/[ab]*a[ab]{13}/").Message);

    [Theory]
    [InlineData("/imat.*/")]
    [InlineData("/imatinib?/")]
    public void Slashes_around_a_pattern_are_text_too(string q) => Assert.Empty(Slugs(q)); // as expressions both would find imatinib

    [Theory]
    [InlineData("[a TO z]")]
    [InlineData("{a TO z}")]
    [InlineData("title:[a TO zzzz]")]
    public void Ranges_are_refused(string q) => Assert.Contains("Ranges", Refused(q).Message);

    [Fact]
    public void A_fuzzy_word_finds_a_misspelling_but_keeps_its_first_letters()
    {
        Assert.Contains("imatinib", Slugs("imatinab~1"));
        Assert.Contains("imatinib", Slugs("imatinob~"));
        // A typo in the first two letters is not corrected: that is what keeps a fuzzy word from walking the whole dictionary.
        Assert.DoesNotContain("imatinib", Slugs("xmatinib~1"));
        Assert.Contains("at most 2 edits", Refused("imatinib~3").Message);
        Assert.Contains("at most 20 characters", Refused("imatinibimatinibimati~1").Message);
        // The highlighter marks the word the fuzzy word matched.
        var hit = _index.Index.Search(new SearchQuery("imatinob~1")).Hits.Single(h => h.Slug == "imatinib");
        Assert.Contains("<mark>", hit.Snippet);
    }

    [Fact]
    public void At_most_four_words_may_use_wildcards_or_fuzziness()
    {
        Assert.Empty(Slugs("aa~2 bb~2 cc~2 dd~2"));
        Assert.Contains("At most 4 words", Refused("aa~2 bb~2 cc~2 dd~2 ee~2").Message);
        Assert.Contains("At most 4 words", Refused("im* su* re* pa* ol*").Message);
        Assert.Contains("At most 4 words", Refused("im* OR su~ OR re?o* OR pa* OR ol~1").Message);
    }

    [Theory]
    [InlineData("i*")]
    [InlineData("i?atinib")]
    [InlineData("i*b")]
    [InlineData("\\i*")]
    public void A_wildcard_needs_two_letters_before_it(string q) => Assert.Contains("at least 2 letters", Refused(q).Message);

    [Fact]
    public void Wildcards_after_two_letters_still_match()
    {
        Assert.Equal("imatinib", Slugs("im*")[0]);
        Assert.Contains("imatinib", Slugs("ima?inib"));
        Assert.Contains("imatinib", Slugs("im*nib"));
    }

    [Fact]
    public void At_most_32_words()
    {
        var words = Enumerable.Range(0, 40).Select(i => $"word{i}").ToList();

        Assert.Empty(Slugs(string.Join(" OR ", words.Take(32))));
        Assert.Contains("at most 32", Refused(string.Join(" OR ", words.Take(33))).Message);
        // One hyphenated "word" the analyzer splits into 40 counts as 40.
        Assert.Contains("at most 32", Refused(string.Join("-", words)).Message);
    }

    [Fact]
    public void Phrase_slop_is_bounded()
    {
        Assert.NotEmpty(Slugs("\"blood pressure\"~3"));
        Assert.Contains("slop", Refused("\"blood pressure\"~11").Message);
    }

    [Theory]
    [InlineData(201, 50)]
    [InlineData(10_001, 1)]
    public void Paging_past_the_result_window_is_refused(int page, int pageSize) =>
        Assert.Contains("10,000", Assert.Throws<SearchQueryException>(() => Slugs("sarcoma", page, pageSize)).Message);

    [Fact]
    public void A_query_of_more_than_500_characters_is_refused() =>
        Assert.Contains("500", Refused(string.Join(" ", Enumerable.Repeat("sarcoma", 70))).Message);

    [Theory]
    [InlineData("sarcoma")]
    [InlineData("")]
    [InlineData("im*")]
    public async Task A_search_past_its_time_budget_stops(string q)
    {
        // A clock that moves on a second every time it is read: every check finds the budget spent.
        using var slow = new TempIndex(new SearchBudget(TimeSpan.FromMilliseconds(500), new JumpingClock(TimeSpan.FromSeconds(1))));
        await slow.Index.IndexAsync(SeedCorpus.All(), []);

        var e = Assert.Throws<SearchBudgetExceededException>(() => slow.Index.Search(new SearchQuery(q)));
        Assert.Equal(TimeSpan.FromMilliseconds(500), e.Limit);
        Assert.Contains("500 ms", e.Message);
    }

    [Fact]
    public async Task A_search_within_its_budget_answers()
    {
        // The same clock moving a microsecond a read: the budget is never spent.
        using var fast = new TempIndex(new SearchBudget(TimeSpan.FromMilliseconds(500), new JumpingClock(TimeSpan.FromTicks(10))));
        await fast.Index.IndexAsync(SeedCorpus.All(), []);

        Assert.Equal("imatinib", fast.Index.Search(new SearchQuery("Glivec")).Hits[0].Slug);
    }
}

/// <summary>A clock whose time moves on by <paramref name="step"/> every time it is read.</summary>
public sealed class JumpingClock(TimeSpan step) : TimeProvider
{
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Add(ref _ticks, step.Ticks);
}
