using Xunit;
using Publishing.SearchIndexing.LuceneIndex;

namespace Publishing.SearchIndexing.Tests.LuceneIndex;

public sealed class IndexFormatTests
{
    private static readonly SearchQuery[] QuerySet =
    [
        new("\"blood pressure\""), new("\"side effects\"", PageSize: 50), new("\"soft tissue sarcoma\""), new("Glivec"),
        new("vomiting"), new(""), new("tablet*"), new("sarcoma", DrugClass: "tyrosine kinase inhibitor"),
    ];

    [Fact]
    public async Task An_old_format_index_still_answers_and_a_rebuild_brings_it_to_the_current_format()
    {
        using var current = await SeedCorpus.IndexedAsync();
        var expected = QuerySet.Select(current.Index.Search).ToList();

        using var old = new TempIndex();
        old.Index.Dispose();
        OldFormatIndex.Write(old.Root, SeedCorpus.All());
        old.Reopen();

        Assert.True(old.Index.NeedsRebuild);
        AssertSame(expected, QuerySet.Select(old.Index.Search).ToList());

        using (var builder = old.Index.BeginRebuild())
        {
            await builder.AddAsync(SeedCorpus.All());
            await builder.SwapInAsync();
        }
        Assert.False(old.Index.NeedsRebuild);
        AssertSame(expected, QuerySet.Select(old.Index.Search).ToList());
        old.Reopen();
        Assert.False(old.Index.NeedsRebuild);
        AssertSame(expected, QuerySet.Select(old.Index.Search).ToList());
    }

    internal static void AssertSame(IReadOnlyList<SearchResult> expected, IReadOnlyList<SearchResult> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Total, actual[i].Total);
            Assert.Equal(expected[i].Hits.Select(h => (h.Slug, h.Snippet)), actual[i].Hits.Select(h => (h.Slug, h.Snippet)));
            Assert.Equal(expected[i].Facets.Type, actual[i].Facets.Type);
            Assert.Equal(expected[i].Facets.DrugClass, actual[i].Facets.DrugClass);
            Assert.Equal(expected[i].Facets.Condition, actual[i].Facets.Condition);
        }
    }
}
