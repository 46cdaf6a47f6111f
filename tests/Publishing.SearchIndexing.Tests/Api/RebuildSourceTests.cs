using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Publishing.Contracts;
using Publishing.ServiceDefaults.Integrity;
using Publishing.Testing;
using Xunit;

namespace Publishing.SearchIndexing.Tests.Api;

/// <summary>
/// POST /api/search/rebuild reads only from the configured Authoring, as the Search service itself, and
/// believes only revisions that match their content hash and what Search already received. A real
/// Search-indexing host on loopback against a fake Authoring (and a forger) on loopback.
/// </summary>
public sealed class RebuildSourceTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly List<IAsyncDisposable> _owned = [];
    private FakeAuthoring _authoring = null!;
    private FakeAuthoring _forger = null!;

    public async Task InitializeAsync()
    {
        _authoring = await FakeAuthoring.StartAsync();
        _forger = await FakeAuthoring.StartAsync();
        _owned.Add(_authoring);
        _owned.Add(_forger);
    }

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned)) await owned.DisposeAsync();
        _data.Dispose();
    }

    private async Task<ServiceHost> StartSearchAsync(Uri? authoring)
    {
        var settings = ServiceHost.Settings(rabbitMq: null, _data.Sub($"search-{_owned.Count}"));
        settings["Search:TimeBudget"] = "00:00:10"; // a loaded test machine; the budget has tests of its own
        if (authoring is not null) settings["Services:Authoring"] = authoring.ToString();
        var host = await ServiceHost.StartAsync((a, c) => SearchIndexingHost.Create(a, c), settings);
        _owned.Add(host);
        return host;
    }

    /// <summary>A publication as Authoring records it: the content hash is the hash of the fields.</summary>
    private static ContentPublished Revision(string sample, string slug, int revision, string mechanism, string reviewer = "Aisha Rahman")
    {
        var published = SearchApi.Published(sample, slug, revision, f => f["mechanism"] = mechanism);
        return published with
        {
            ContentHash = CanonicalJson.Sha256(published.Fields),
            Approvals = [published.Approvals[0] with { ReviewerName = reviewer }],
        };
    }

    /// <summary>The same revision with its fields changed after the hash was taken.</summary>
    private static ContentPublished Tampered(ContentPublished genuine, string mechanism)
    {
        var fields = JsonNode.Parse(genuine.Fields.GetRawText())!.AsObject();
        fields["mechanism"] = mechanism;
        return genuine with { Fields = JsonDocument.Parse(fields.ToJsonString()).RootElement.Clone() };
    }

    private static async Task DeliverAsync(ServiceHost search, ContentPublished published)
    {
        await search.Services.GetRequiredService<IBus>().Publish(published);
        await Eventually.Until(async () => (await search.Http.GetAsync($"/api/published/{published.Slug}")).StatusCode == HttpStatusCode.OK,
            what: $"{published.Slug} to be published");
        // The index commits a moment after the document is stored; wait until search sees it too.
        await Eventually.Until(async () => (await SearchAsync(search, published.Slug)).Contains(published.Slug), what: $"{published.Slug} to be searchable");
    }

    private static async Task<JsonElement> RebuildAsync(HttpClient admin, Action<HttpRequestMessage>? forge = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/search/rebuild");
        forge?.Invoke(request);
        Assert.Equal(HttpStatusCode.Accepted, (await admin.SendAsync(request)).StatusCode);
        return await Eventually.Until(() => admin.GetFromJsonAsync<JsonElement>("/api/search/rebuild"),
            s => s.GetProperty("state").GetString() is "completed" or "failed", what: "the rebuild to finish");
    }

    private static async Task<List<string>> SearchAsync(ServiceHost search, string q) =>
        (await search.Http.GetFromJsonAsync<JsonElement>($"/api/search?q={Uri.EscapeDataString(q)}&pageSize=50"))
            .GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("slug").GetString()!).ToList();

    private static async Task<JsonElement> PublishedAsync(ServiceHost search, string slug) =>
        await search.Http.GetFromJsonAsync<JsonElement>($"/api/published/{slug}");

    private static void Forge(HttpRequestMessage request, FakeAuthoring forger)
    {
        request.Headers.Host = forger.Address.Authority;
        request.Headers.Add("X-Forwarded-Host", forger.Address.Authority);
        request.Headers.Add("X-Forwarded-Proto", "http");
    }

    [Fact]
    public async Task A_forged_Host_header_does_not_change_where_a_rebuild_reads_from()
    {
        _authoring.Published.Add(Revision("imatinib", "imatinib", 1, "Genuine text about zanzibar."));
        _forger.Published.Add(Revision("imatinib", "imatinib", 999, "Forged text about quokkas: ten times the dose.", "Dr Nobody"));
        var search = await StartSearchAsync(_authoring.Address);
        var admin = await search.ClientAsAsync("admin-1", "admin");

        var status = await RebuildAsync(admin, r => Forge(r, _forger));

        Assert.Equal("completed", status.GetProperty("state").GetString());
        Assert.Empty(_forger.Requests);
        Assert.Contains(_authoring.Requests, r => r.PathAndQuery.StartsWith("/api/internal/published"));
        Assert.Equal(1, (await PublishedAsync(search, "imatinib")).GetProperty("revision").GetInt32());
        Assert.Equal(["imatinib"], await SearchAsync(search, "zanzibar"));
        Assert.Empty(await SearchAsync(search, "quokkas"));
    }

    [Fact]
    public async Task Without_a_configured_Authoring_a_rebuild_is_a_503_problem_and_changes_nothing()
    {
        _forger.Published.Add(Revision("imatinib", "imatinib", 999, "Forged text about quokkas.", "Dr Nobody"));
        var search = await StartSearchAsync(authoring: null);
        await DeliverAsync(search, Revision("imatinib", "imatinib", 1, "Genuine text about zanzibar."));
        var admin = await search.ClientAsAsync("admin-1", "admin");

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/search/rebuild");
        Forge(request, _forger);
        var response = await admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Services:Authoring", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal("never-run", (await admin.GetFromJsonAsync<JsonElement>("/api/search/rebuild")).GetProperty("state").GetString());
        Assert.Empty(_forger.Requests);
        Assert.Equal(1, (await PublishedAsync(search, "imatinib")).GetProperty("revision").GetInt32());
        Assert.Equal(["imatinib"], await SearchAsync(search, "zanzibar"));
        Assert.Empty(await SearchAsync(search, "quokkas"));
    }

    [Fact]
    public async Task Search_calls_Authoring_with_its_own_service_token_never_the_admins()
    {
        _authoring.Published.Add(Revision("imatinib", "imatinib", 1, "Genuine text."));
        var search = await StartSearchAsync(_authoring.Address);
        var admin = await search.ClientAsAsync("admin-1", "admin");

        await RebuildAsync(admin);

        var call = Assert.Single(_authoring.Requests);
        Assert.StartsWith("Bearer ", call.Authorization);
        var token = call.Authorization!["Bearer ".Length..];
        Assert.NotEqual(admin.DefaultRequestHeaders.Authorization!.Parameter, token);
        var claims = Claims(token);
        Assert.Equal("search-indexing", claims.GetProperty("sub").GetString());
        Assert.Equal("service", claims.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Revisions_that_do_not_match_their_hash_or_what_Search_received_are_rejected_and_a_genuine_missing_one_is_filled_in()
    {
        var heldTwice = Revision("sunitinib", "sunitinib", 2, "Genuine revision two about zanzibar.");
        var heldOnce = Revision("pazopanib", "pazopanib", 1, "Genuine revision one about zanzibar.");
        var search = await StartSearchAsync(_authoring.Address);
        await DeliverAsync(search, heldTwice);
        await DeliverAsync(search, heldOnce);
        var missed = Revision("regorafenib", "regorafenib", 3, "Genuine revision three about kakapo.");
        _authoring.Published.AddRange(
        [
            // The revision Search holds, with other (self-consistent) text: not what was published to it.
            Revision("sunitinib", "sunitinib", 2, "Rewritten revision two about quokkas."),
            // A revision 999 by a reviewer who does not exist, its hash not matching its fields.
            Tampered(Revision("pazopanib", "pazopanib", 999, "Signed text.", "Dr Nobody"), "Ten times the dose, about quokkas."),
            // New to Search, but changed after it was approved.
            Tampered(Revision("imatinib", "imatinib", 1, "Approved text."), "Changed text about quokkas."),
            // Malformed: a slug that is no slug, a revision without approvals.
            Revision("imatinib", "Imatinib_Copy", 1, "Text about quokkas."),
            Revision("imatinib", "imatinib-copy", 1, "Text about quokkas.") with { Approvals = [] },
            missed,
        ]);
        var admin = await search.ClientAsAsync("admin-1", "admin");

        var status = await RebuildAsync(admin);

        Assert.Equal("completed", status.GetProperty("state").GetString());
        var rejected = status.GetProperty("rejected").EnumerateArray()
            .ToDictionary(r => (r.GetProperty("slug").GetString()!, r.GetProperty("revision").GetInt32()), r => r.GetProperty("reason").GetString()!);
        Assert.Equal(5, rejected.Count);
        Assert.Contains("differs", rejected[("sunitinib", 2)]);
        Assert.Contains("content hash", rejected[("pazopanib", 999)]);
        Assert.Contains("content hash", rejected[("imatinib", 1)]);
        Assert.Contains("slug", rejected[("Imatinib_Copy", 1)]);
        Assert.Contains("no approvals", rejected[("imatinib-copy", 1)]);
        Assert.Equal(HttpStatusCode.NotFound, (await search.Http.GetAsync("/api/published/imatinib-copy")).StatusCode);

        Assert.Equal(heldTwice.ContentHash, (await PublishedAsync(search, "sunitinib")).GetProperty("contentHash").GetString());
        var pazopanib = await PublishedAsync(search, "pazopanib");
        Assert.Equal(1, pazopanib.GetProperty("revision").GetInt32());
        Assert.DoesNotContain("Dr Nobody", pazopanib.GetRawText());
        Assert.Equal(HttpStatusCode.NotFound, (await search.Http.GetAsync("/api/published/imatinib")).StatusCode);
        Assert.Empty(await SearchAsync(search, "quokkas"));
        Assert.Equal(["pazopanib", "sunitinib"], (await SearchAsync(search, "zanzibar")).Order());

        Assert.Equal(3, (await PublishedAsync(search, "regorafenib")).GetProperty("revision").GetInt32());
        Assert.Equal(["regorafenib"], await SearchAsync(search, "kakapo"));
        var changes = await search.Http.GetFromJsonAsync<JsonElement>("/api/changes?limit=1000");
        Assert.Contains(changes.GetProperty("items").EnumerateArray(), c => c.GetProperty("slug").GetString() == "regorafenib");
        Assert.DoesNotContain(changes.GetProperty("items").EnumerateArray(), c => c.GetProperty("revision").GetInt32() == 999);
    }

    private static JsonElement Claims(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload))).RootElement.Clone();
    }
}
