using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Publishing.SearchIndexing.Data;
using Publishing.SearchIndexing.Indexing;
using Publishing.SearchIndexing.LuceneIndex;
using Publishing.SearchIndexing.Tests.LuceneIndex;
using Publishing.Testing;
using Xunit;

namespace Publishing.SearchIndexing.Tests.Api;

public sealed class IndexUpgradeTests
{
    private static readonly string[] Samples = ["imatinib", "sunitinib", "regorafenib", "pazopanib", "targeted-therapy-soft-tissue-sarcoma"];
    private static readonly string[] Queries = ["q=%22blood%20pressure%22&pageSize=50", "q=Glivec", "q=sarcoma&pageSize=50", "q=tablet*&pageSize=50", "pageSize=50"];

    [Fact]
    public async Task An_old_format_index_is_rebuilt_at_start_up_from_the_stored_documents_with_nothing_lost()
    {
        using var data = new TempDirectory();
        List<SearchDocument> documents;
        List<string> before;
        await using (var first = new SearchApi(data.Path))
        {
            foreach (var sample in Samples) await first.DeliverAsync(SearchApi.Published(sample, $"{sample}-copy", 1));
            documents = (await first.WithDb(db => db.Documents.AsNoTracking().ToListAsync())).Select(SearchIndexer.ToSearchDocument).ToList();
            before = await AnswersAsync(first);
        }
        Assert.Equal(Samples.Length, documents.Count);

        // The same documents, indexed the way the service did before the index format changed.
        OldFormatIndex.Write(Path.Combine(data.Path, "search-index"), documents);

        await using var restarted = new SearchApi(data.Path);
        var index = restarted.Services.GetRequiredService<ISearchIndex>();
        await Eventually.Until(() => Task.FromResult(!index.NeedsRebuild), what: "the old-format index to be rebuilt");

        Assert.Equal(Samples.Length, await index.CountAsync());
        Assert.Equal(before, await AnswersAsync(restarted));
        // The old generation is gone once the new one is live.
        Assert.Equal("gen-000002", Path.GetFileName(Assert.Single(Directory.GetDirectories(Path.Combine(data.Path, "search-index")))));
    }

    private static async Task<List<string>> AnswersAsync(SearchApi api)
    {
        var client = api.CreateClient();
        var answers = new List<string>();
        foreach (var query in Queries)
        {
            var result = await client.GetFromJsonAsync<JsonElement>($"/api/search?{query}");
            answers.Add(result.GetRawText());
        }
        return answers;
    }
}
