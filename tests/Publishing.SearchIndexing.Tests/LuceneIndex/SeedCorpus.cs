using System.Text.Json;
using Publishing.SearchIndexing.LuceneIndex;

namespace Publishing.SearchIndexing.Tests.LuceneIndex;

/// <summary>The six seeded sample entries as search documents, and throwaway indexes on disk.</summary>
public static class SeedCorpus
{
    public static readonly string[] Slugs =
        ["imatinib", "olaratumab", "pazopanib", "regorafenib", "sunitinib", "targeted-therapy-soft-tissue-sarcoma"];

    public static SearchDocument Load(string slug, int revision = 1)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Seed", $"{slug}.json")));
        var root = json.RootElement;
        return SearchDocument.From(
            root.GetProperty("slug").GetString()!,
            root.GetProperty("type").GetString()!,
            root.GetProperty("title").GetString()!,
            revision,
            root.GetProperty("fields").GetRawText(),
            """["sample"]""");
    }

    public static IReadOnlyList<SearchDocument> All() => Slugs.Select(s => Load(s)).ToList();

    public static async Task<TempIndex> IndexedAsync()
    {
        var index = new TempIndex();
        await index.Index.IndexAsync(All(), [], CancellationToken.None);
        return index;
    }
}

public sealed class TempIndex : IDisposable
{
    private readonly SearchBudget? _budget;

    public TempIndex(SearchBudget? budget = null)
    {
        _budget = budget;
        Index = new LuceneSearchIndex(Root, budget);
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "search-tests", Guid.NewGuid().ToString("N"));
    public LuceneSearchIndex Index { get; private set; }

    /// <summary>Closes the index and opens it again from disk.</summary>
    public void Reopen()
    {
        Index.Dispose();
        Index = new LuceneSearchIndex(Root, _budget);
    }

    public IReadOnlyList<string> Slugs(SearchQuery query) => Index.Search(query).Hits.Select(h => h.Slug).ToList();

    public void Dispose()
    {
        Index.Dispose();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
