using Xunit;
using Publishing.SearchIndexing.LuceneIndex;

namespace Publishing.SearchIndexing.Tests.LuceneIndex;

public sealed class SearchQueryTests : IAsyncLifetime
{
    private TempIndex _index = null!;

    public async Task InitializeAsync() => _index = await SeedCorpus.IndexedAsync();

    public Task DisposeAsync()
    {
        _index.Dispose();
        return Task.CompletedTask;
    }

    private SearchResult Search(string? q, string? type = null, string? drugClass = null, string? condition = null, int page = 1, int pageSize = 10) =>
        _index.Index.Search(new SearchQuery(q, type, drugClass, condition, page, pageSize));

    [Theory]
    [InlineData("Glivec", "imatinib")]
    [InlineData("glivec", "imatinib")]
    [InlineData("Sutent", "sunitinib")]
    [InlineData("Stivarga", "regorafenib")]
    [InlineData("Votrient", "pazopanib")]
    [InlineData("Lartruvo", "olaratumab")]
    public void A_brand_name_finds_the_generic_ranked_first(string brand, string generic)
    {
        var result = Search(brand);

        Assert.Equal(generic, result.Hits[0].Slug);
        // The article mentions every brand too, but only in its body, so it ranks below.
        Assert.Contains(result.Hits, h => h.Slug == "targeted-therapy-soft-tissue-sarcoma");
        Assert.True(result.Hits[0].Score > result.Hits[1].Score);
    }

    [Fact]
    public void Hits_carry_type_title_and_revision()
    {
        var hit = Search("imatinib").Hits[0];

        Assert.Equal(("imatinib", "drug", "Imatinib (Glivec)", 1), (hit.Slug, hit.Type, hit.Title, hit.Revision));
    }

    [Fact]
    public void Stemming_matches_other_forms_of_a_word()
    {
        // imatinib says "vomit that contains blood"; the query asks for "vomiting".
        Assert.Contains("imatinib", Search("vomiting").Hits.Select(h => h.Slug));
        Assert.Contains("imatinib", Search("vomits").Hits.Select(h => h.Slug));
    }

    [Fact]
    public async Task Vomit_finds_an_entry_mentioning_vomiting()
    {
        await _index.Index.IndexAsync([Drug("ondansetron", "Ondansetron helps with nausea and vomiting after chemotherapy.")], [], default);

        var hit = Assert.Single(Search("vomit").Hits, h => h.Slug == "ondansetron");
        Assert.Contains("<mark>vomiting</mark>", hit.Snippet);
    }

    [Fact]
    public void Snippets_mark_the_match()
    {
        var article = Search("Glivec").Hits.Single(h => h.Slug == "targeted-therapy-soft-tissue-sarcoma");
        Assert.Contains("<mark>Glivec</mark>", article.Snippet);

        // imatinib's body never says Glivec: its snippet comes from the title.
        var drug = Search("Glivec").Hits[0];
        Assert.Contains("<mark>Glivec</mark>", drug.Snippet);

        var grapefruit = Search("grapefruit").Hits.Single(h => h.Slug == "imatinib");
        Assert.Contains("<mark>grapefruit</mark>", grapefruit.Snippet);
        Assert.DoesNotContain("**", Search("inoperable").Hits.Single(h => h.Slug == "targeted-therapy-soft-tissue-sarcoma").Snippet);
    }

    [Fact]
    public void Phrases_and_prefixes_are_highlighted_too()
    {
        var phrase = Search("\"blood pressure\"");
        Assert.NotEmpty(phrase.Hits);
        Assert.All(phrase.Hits, h => Assert.Contains("<mark>blood</mark> <mark>pressure</mark>", h.Snippet));

        var prefix = Search("imatin*");
        Assert.Equal("imatinib", prefix.Hits[0].Slug);
        Assert.Contains("<mark>", prefix.Hits[0].Snippet);
    }

    [Fact]
    public async Task Html_in_content_is_encoded_and_only_the_marks_are_markup()
    {
        await _index.Index.IndexAsync(
            [Drug("scripty", "Some text <script>alert('x')</script> & <b>bold</b> claims about zebrafish \"trials\".")], [], default);

        var snippet = Search("zebrafish").Hits.Single().Snippet;

        Assert.Contains("<mark>zebrafish</mark>", snippet);
        Assert.Contains("&lt;script&gt;", snippet);
        Assert.Contains("&amp;", snippet);
        Assert.Contains("&lt;b&gt;bold", snippet);
        Assert.DoesNotContain("<script>", snippet);
        Assert.DoesNotContain("<b>", snippet);
    }

    [Fact]
    public void Without_a_match_to_highlight_the_snippet_is_the_start_of_the_body()
    {
        var hit = Search("", type: "drug", pageSize: 1).Hits.Single();

        Assert.Equal("imatinib", hit.Slug);
        Assert.StartsWith("Imatinib switches off a small group of enzymes", hit.Snippet);
        Assert.DoesNotContain("<mark>", hit.Snippet);
        Assert.True(hit.Snippet.Length <= 200);
    }

    [Fact]
    public void Facets_count_every_match()
    {
        var all = Search("");

        Assert.Equal(6, all.Total);
        Assert.Equal(new Dictionary<string, int> { ["drug"] = 5, ["article"] = 1 }, all.Facets.Type);
        Assert.Equal(new Dictionary<string, int> { ["tyrosine kinase inhibitor"] = 4, ["monoclonal antibody"] = 1 }, all.Facets.DrugClass);
        Assert.Equal(1, all.Facets.Condition["soft tissue sarcoma"]);
        Assert.Equal(1, all.Facets.Condition["gastrointestinal stromal tumour (GIST)"]);

        // Counted over all matches, not just the page shown.
        var gist = Search("GIST", pageSize: 1);
        Assert.Single(gist.Hits);
        Assert.Equal(gist.Total, gist.Facets.Type.Values.Sum());
        Assert.True(gist.Total > 1);
    }

    [Fact]
    public void Facets_follow_the_filters()
    {
        var drugs = Search("", drugClass: "tyrosine kinase inhibitor");

        Assert.Equal(new Dictionary<string, int> { ["drug"] = 4 }, drugs.Facets.Type);
        Assert.Equal(new Dictionary<string, int> { ["tyrosine kinase inhibitor"] = 4 }, drugs.Facets.DrugClass);
    }

    [Fact]
    public void Filters_match_whole_values_ignoring_case()
    {
        Assert.Equal(["targeted-therapy-soft-tissue-sarcoma"], Search("", type: "ARTICLE").Hits.Select(h => h.Slug));
        Assert.Equal(["olaratumab"], Search(null, drugClass: " Monoclonal  Antibody ").Hits.Select(h => h.Slug));
        Assert.Equal(["targeted-therapy-soft-tissue-sarcoma"], Search("*", condition: "Soft Tissue Sarcoma").Hits.Select(h => h.Slug));
        Assert.Empty(Search("", drugClass: "kinase").Hits);

        var drugsAboutSarcoma = Search("sarcoma", type: "drug");
        Assert.NotEmpty(drugsAboutSarcoma.Hits);
        Assert.All(drugsAboutSarcoma.Hits, h => Assert.Equal("drug", h.Type));
        Assert.Equal(Search("sarcoma").Total - 1, drugsAboutSarcoma.Total);
    }

    [Fact]
    public void Browsing_is_ordered_by_title()
    {
        var titles = Search("").Hits.Select(h => h.Title).ToList();

        Assert.Equal(titles.Order(StringComparer.OrdinalIgnoreCase), titles);
    }

    [Theory]
    [InlineData("")]
    [InlineData("tablets")]
    public void Paging_returns_the_next_items_with_a_constant_total(string q)
    {
        var everything = Search(q, pageSize: 50);
        var pages = Enumerable.Range(1, 4).Select(p => Search(q, page: p, pageSize: 2)).ToList();

        Assert.All(pages, p => Assert.Equal(everything.Total, p.Total));
        Assert.Equal(everything.Hits.Select(h => h.Slug), pages.SelectMany(p => p.Hits).Select(h => h.Slug));
        Assert.Equal(everything.Hits.Skip(2).Take(2).Select(h => h.Slug), pages[1].Hits.Select(h => h.Slug));
        Assert.Empty(Search(q, page: 100, pageSize: 2).Hits);
    }

    [Fact]
    public void Words_are_all_required_by_default_and_OR_widens()
    {
        Assert.Equal(["imatinib"], Search("grapefruit Glivec").Hits.Select(h => h.Slug));
        Assert.True(Search("grapefruit OR Lartruvo").Total > Search("grapefruit").Total);
        Assert.Empty(Search("the of and").Hits); // only stop words: nothing to match, but not an error
    }

    [Theory]
    [InlineData("\"unclosed")]
    [InlineData("AND")]
    [InlineData("title:(")]
    [InlineData("imatinib AND")]
    [InlineData("(sarcoma")]
    [InlineData("*tinib")]
    [InlineData("sarcoma)")]
    [InlineData("[a TO")]
    [InlineData("~")]
    public void A_query_the_parser_rejects_raises_a_SearchQueryException(string q)
    {
        var e = Assert.Throws<SearchQueryException>(() => Search(q));
        Assert.DoesNotContain("Lucene", e.Message);
        Assert.DoesNotContain("Encountered", e.Message);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 0)]
    [InlineData(1, 51)]
    [InlineData(1000, 50)]
    public void Bad_paging_raises_a_SearchQueryException(int page, int pageSize) =>
        Assert.Throws<SearchQueryException>(() => Search("sarcoma", page: page, pageSize: pageSize));

    internal static SearchDocument Drug(string slug, string mechanism, int revision = 1) => SearchDocument.From(
        slug, "drug", slug, revision, $$"""{"genericName":"{{slug}}","drugClass":"antiemetic","mechanism":{{System.Text.Json.JsonSerializer.Serialize(mechanism)}}}""", "[]");
}
