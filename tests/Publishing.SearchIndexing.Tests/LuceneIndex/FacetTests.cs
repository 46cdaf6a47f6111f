using Publishing.SearchIndexing.LuceneIndex;
using Xunit;

namespace Publishing.SearchIndexing.Tests.LuceneIndex;

/// <summary>Facets counted from the cached per-segment arrays, across segments, updates and deletes.</summary>
public sealed class FacetTests
{
    private static readonly string[] Classes = ["tyrosine kinase inhibitor", "Monoclonal antibody", "monoclonal antibody", "PARP inhibitor"];
    private static readonly string[] Conditions = ["soft tissue sarcoma", "GIST", "gist", "osteosarcoma", "liposarcoma"];

    [Fact]
    public async Task Facets_count_every_live_match_over_many_segments()
    {
        using var index = new TempIndex();
        var random = new Random(11);
        var live = new Dictionary<string, SearchDocument>();
        for (var batch = 0; batch < 6; batch++) // a commit each: several segments
        {
            var docs = Enumerable.Range(0, 40).Select(i => Document($"doc-{random.Next(150)}", random)).DistinctBy(d => d.Slug).ToList();
            var deletes = live.Keys.Where(_ => random.Next(10) == 0).ToList();
            await index.Index.IndexAsync(docs, deletes, default);
            foreach (var doc in docs) live[doc.Slug] = doc;
            foreach (var slug in deletes) live.Remove(slug);
        }

        AssertFacets(live.Values, index.Index.Search(new("", PageSize: 1)));
        AssertFacets(live.Values.Where(d => d.Body.Contains("zebrafish")), index.Index.Search(new("zebrafish", PageSize: 1)));
        AssertFacets(live.Values.Where(d => d.Conditions.Contains("GIST", StringComparer.OrdinalIgnoreCase)),
            index.Index.Search(new("", Condition: "gist", PageSize: 1)));

        index.Reopen(); // and again from disk, with merged segments if the writer merged any
        AssertFacets(live.Values, index.Index.Search(new("", PageSize: 1)));
    }

    private static SearchDocument Document(string slug, Random random)
    {
        var drug = random.Next(4) != 0;
        return new SearchDocument
        {
            Slug = slug,
            Type = drug ? SearchDocument.Drug : SearchDocument.Article,
            Title = slug,
            DrugClass = drug ? Classes[random.Next(Classes.Length)] : null,
            Conditions = Enumerable.Range(0, random.Next(0, 3)).Select(_ => Conditions[random.Next(Conditions.Length)])
                .Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
            Body = random.Next(3) == 0 ? "About zebrafish." : "About axolotls.",
        };
    }

    private static void AssertFacets(IEnumerable<SearchDocument> matches, SearchResult result)
    {
        var expected = matches.ToList();
        Assert.Equal(expected.Count, result.Total);
        Assert.Equal(Count(expected.Select(d => d.Type)), Sorted(result.Facets.Type));
        Assert.Equal(Count(expected.Where(d => d.DrugClass is not null).Select(d => d.DrugClass!)), Sorted(result.Facets.DrugClass));
        Assert.Equal(Count(expected.SelectMany(d => d.Conditions)), Sorted(result.Facets.Condition));
    }

    /// <summary>Values differing only in case count together.</summary>
    private static List<(string, int)> Count(IEnumerable<string> values) =>
        values.GroupBy(v => v.ToLowerInvariant()).Select(g => (g.Key, g.Count())).OrderBy(p => p.Key).ToList();

    private static List<(string, int)> Sorted(IReadOnlyDictionary<string, int> facet) =>
        facet.Select(kv => (kv.Key.ToLowerInvariant(), kv.Value)).OrderBy(p => p.Item1).ToList();
}
