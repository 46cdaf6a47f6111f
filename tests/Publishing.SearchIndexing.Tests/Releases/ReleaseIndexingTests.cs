using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Publishing.Contracts;
using Publishing.SearchIndexing.Tests.Api;
using Xunit;

namespace Publishing.SearchIndexing.Tests.Releases;

/// <summary>A release reaches the public read side as one step: documents, feed and search together.</summary>
public sealed class ReleaseIndexingTests : IDisposable
{
    private readonly SearchApi _api = new(new Dictionary<string, string?>(), RecordingIndex.Replace);

    public void Dispose() => _api.Dispose();

    private static string Slug(string name) => $"{name}-{Guid.NewGuid().ToString("N")[..8]}";

    private static ContentWithdrawn Withdrawal(ContentPublished of, Guid? release = null) => new(
        of.ContentId, of.Slug, of.Revision, DateTimeOffset.UtcNow, of.ContentType, of.Title,
        "Marketing authorisation revoked.", "pharmacist-1", "Aisha Rahman", release);

    private async Task<List<JsonElement>> FeedAsync() =>
        (await _api.CreateClient().GetFromJsonAsync<JsonElement>("/api/changes?limit=1000")).GetProperty("items").EnumerateArray().ToList();

    [Fact]
    public async Task Three_publications_and_a_withdrawal_land_together_consecutive_in_the_feed_in_one_index_commit()
    {
        var withdrawnFirst = SearchApi.Published("olaratumab", Slug("olaratumab"), 1);
        await _api.DeliverAsync(withdrawnFirst);
        var release = Guid.NewGuid();
        var published = new[] { "imatinib", "pazopanib", "regorafenib" }
            .Select(s => SearchApi.Published(s, Slug(s), 1) with { ReleaseId = release }).ToList();
        var withdrawn = Withdrawal(withdrawnFirst, release);
        var index = _api.Services.GetRequiredService<RecordingIndex>();
        var commitsBefore = index.Commits.Count;

        await _api.DeliverAsync(new ReleasePublished(release, "Sarcoma guidance", DateTimeOffset.UtcNow, published, [withdrawn]));

        var members = published.Select(p => p.Slug).Append(withdrawn.Slug).ToHashSet();
        var http = _api.CreateClient();
        foreach (var p in published)
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/published/{p.Slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await http.GetAsync($"/api/published/{withdrawn.Slug}")).StatusCode);

        var feed = await FeedAsync();
        var positions = feed.Select((e, i) => (e, i)).Where(x => members.Contains(x.e.GetProperty("slug").GetString()!)
            && x.e.TryGetProperty("releaseId", out var r) && r.ValueKind == JsonValueKind.String).Select(x => x.i).ToList();
        Assert.Equal(4, positions.Count);
        Assert.Equal(positions[0] + 3, positions[^1]); // consecutive: nothing between them
        Assert.All(positions, i => Assert.Equal(release, feed[i].GetProperty("releaseId").GetGuid()));

        var commit = Assert.Single(index.Commits.Skip(commitsBefore));
        Assert.Subset(commit, members);
    }

    [Fact]
    public async Task A_member_event_naming_a_release_is_not_applied_on_its_own()
    {
        var release = Guid.NewGuid();
        var alone = SearchApi.Published("sunitinib", Slug("sunitinib"), 1) with { ReleaseId = release };

        await _api.DeliverAsync(alone);

        Assert.Equal(HttpStatusCode.NotFound, (await _api.CreateClient().GetAsync($"/api/published/{alone.Slug}")).StatusCode);
        Assert.DoesNotContain(await FeedAsync(), e => e.GetProperty("slug").GetString() == alone.Slug);
    }

    [Fact]
    public async Task A_stale_member_keeps_the_newer_revision_while_the_rest_of_the_release_applies_and_a_redelivery_adds_nothing()
    {
        var slug = Slug("imatinib");
        await _api.DeliverAsync(SearchApi.Published("imatinib", slug, 2));
        var release = Guid.NewGuid();
        var stale = SearchApi.Published("imatinib", slug, 1) with { ReleaseId = release };
        var fresh = SearchApi.Published("sunitinib", Slug("sunitinib"), 1) with { ReleaseId = release };
        var message = new ReleasePublished(release, "Mixed", DateTimeOffset.UtcNow, [stale, fresh], []);

        var id = await _api.DeliverAsync(message);
        await _api.DeliverAsync(message, id);

        var http = _api.CreateClient();
        Assert.Equal(2, (await http.GetFromJsonAsync<JsonElement>($"/api/published/{slug}")).GetProperty("revision").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/published/{fresh.Slug}")).StatusCode);
        var feed = await FeedAsync();
        Assert.Single(feed, e => e.GetProperty("slug").GetString() == fresh.Slug);
        Assert.Single(feed, e => e.GetProperty("slug").GetString() == slug);
    }
}
