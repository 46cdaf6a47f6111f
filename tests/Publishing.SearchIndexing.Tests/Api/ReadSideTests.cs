using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Publishing.Contracts;
using Xunit;

namespace Publishing.SearchIndexing.Tests.Api;

public sealed class ReadSideTests(SearchApi api) : IClassFixture<SearchApi>
{
    private static string Slug(string name) => $"{name}-{Guid.NewGuid().ToString("N")[..8]}";

    private async Task<JsonElement> SearchAsync(string query) =>
        await api.CreateClient().GetFromJsonAsync<JsonElement>($"/api/search?{query}");

    private static IEnumerable<string> Slugs(JsonElement result) =>
        result.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("slug").GetString()!);

    [Fact]
    public async Task A_published_item_is_searchable_by_brand_name_with_the_match_marked()
    {
        var slug = Slug("imatinib");
        await api.DeliverAsync(SearchApi.Published("imatinib", slug, 1));

        // Other tests in this class index copies of imatinib too: every copy matches, the article would not rank first.
        var result = await SearchAsync("q=Glivec&pageSize=50");
        Assert.Contains(slug, Slugs(result));
        var top = result.GetProperty("hits")[0];
        Assert.Equal("drug", top.GetProperty("type").GetString());
        Assert.Contains("<mark>", top.GetProperty("snippet").GetString());
        Assert.True(result.GetProperty("facets").GetProperty("type").GetProperty("drug").GetInt32() >= 1);
    }

    [Fact]
    public async Task An_older_or_duplicate_publication_changes_nothing()
    {
        var slug = Slug("sunitinib");
        var newer = SearchApi.Published("sunitinib", slug, 2, f => f["mechanism"] = "Revision two text about angiogenesis blockade.");
        var older = SearchApi.Published("sunitinib", slug, 1, f => f["mechanism"] = "Revision one text about zebrafish.");
        var id = await api.DeliverAsync(newer);
        await api.DeliverAsync(older);
        await api.DeliverAsync(newer, id); // the same broker message again

        var document = await api.CreateClient().GetFromJsonAsync<JsonElement>($"/api/published/{slug}");
        Assert.Equal(2, document.GetProperty("revision").GetInt32());
        Assert.Empty(Slugs(await SearchAsync("q=zebrafish")));
        var feed = await api.CreateClient().GetFromJsonAsync<JsonElement>("/api/changes?limit=1000");
        Assert.Single(feed.GetProperty("items").EnumerateArray(), c => c.GetProperty("slug").GetString() == slug);
    }

    [Fact]
    public async Task A_withdrawal_leaves_search_answers_410_and_is_not_undone_by_a_late_publication()
    {
        var slug = Slug("olaratumab");
        var published = SearchApi.Published("olaratumab", slug, 1);
        await api.DeliverAsync(published);
        Assert.Contains(slug, Slugs(await SearchAsync("q=Lartruvo")));

        var withdrawn = new ContentWithdrawn(published.ContentId, slug, 1, DateTimeOffset.UtcNow, "drug", published.Title,
            "EU authorisation withdrawn in 2019.", "pharmacist-1", "Aisha Rahman");
        await api.DeliverAsync(withdrawn);
        await api.DeliverAsync(published); // a late redelivery of the publication, under a new message id

        Assert.DoesNotContain(slug, Slugs(await SearchAsync("q=Lartruvo")));
        var response = await api.CreateClient().GetAsync($"/api/published/{slug}");
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        var tombstone = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("EU authorisation withdrawn in 2019.", tombstone.GetProperty("reason").GetString());
        Assert.Equal(slug, tombstone.GetProperty("slug").GetString());
        // A page for patients names the drug, not its slug.
        Assert.Equal(published.Title, tombstone.GetProperty("title").GetString());
        Assert.Equal("drug", tombstone.GetProperty("type").GetString());
    }

    [Fact]
    public async Task The_published_copy_has_etag_and_last_modified_and_answers_304_when_unchanged()
    {
        var slug = Slug("pazopanib");
        await api.DeliverAsync(SearchApi.Published("pazopanib", slug, 3));
        var client = api.CreateClient();
        var first = await client.GetAsync($"/api/published/{slug}");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotNull(first.Content.Headers.LastModified);

        var again = new HttpRequestMessage(HttpMethod.Get, $"/api/published/{slug}");
        again.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(first.Headers.ETag!.Tag));
        var second = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/published/no-such-drug")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/published/Bad_Slug")).StatusCode);
    }

    [Fact]
    public async Task The_change_feed_resumes_from_a_cursor_with_nothing_missed_or_repeated()
    {
        var client = api.CreateClient();
        var start = (await client.GetFromJsonAsync<JsonElement>("/api/changes?limit=1000")).GetProperty("next").GetString();
        var slugs = Enumerable.Range(0, 7).Select(i => Slug($"feed{i}")).ToList();
        foreach (var slug in slugs.Take(4)) await api.DeliverAsync(SearchApi.Published("imatinib", slug, 1));

        var seen = new List<string>();
        var cursor = start;
        async Task ReadAll()
        {
            while (true)
            {
                var page = await client.GetFromJsonAsync<JsonElement>($"/api/changes?limit=3{(cursor is null ? "" : $"&after={cursor}")}");
                var items = page.GetProperty("items").EnumerateArray().ToList();
                seen.AddRange(items.Select(i => i.GetProperty("slug").GetString()!));
                cursor = page.GetProperty("next").GetString();
                if (items.Count < 3) break;
            }
        }
        await ReadAll();
        foreach (var slug in slugs.Skip(4)) await api.DeliverAsync(SearchApi.Published("imatinib", slug, 1));
        await ReadAll(); // a site coming back after a while

        Assert.Equal(slugs, seen.Where(slugs.Contains));
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task The_atom_feed_lists_the_same_changes()
    {
        var slug = Slug("regorafenib");
        await api.DeliverAsync(SearchApi.Published("regorafenib", slug, 1));
        var response = await api.CreateClient().GetAsync("/feed.atom");
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var xml = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());
        System.Xml.Linq.XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.Contains(xml.Root!.Elements(atom + "entry"), e => e.Element(atom + "link")!.Attribute("href")!.Value.EndsWith($"/api/published/{slug}"));
    }

    [Theory]
    [InlineData("q=%22unclosed")]
    [InlineData("q=title:(")]
    [InlineData("q=imatinib&page=0")]
    [InlineData("q=imatinib&pageSize=500")]
    [InlineData("q=imatinib&type=podcast")]
    public async Task A_query_the_service_cannot_run_is_a_400_problem(string query)
    {
        var response = await api.CreateClient().GetAsync($"/api/search?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_bad_change_feed_cursor_or_limit_is_a_400()
    {
        var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/changes?after=abc")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/changes?limit=0")).StatusCode);
    }
}
