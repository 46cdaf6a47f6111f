using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Publishing.Authoring;
using Publishing.SearchIndexing;
using Publishing.ServiceDefaults.Auth;
using Publishing.Testing;
using Xunit;

namespace Publishing.EndToEnd.Tests;

/// <summary>
/// Authoring's internal list of published revisions is for services only, and a Search-indexing host
/// of its own rebuilds from it with its own service token: real hosts on loopback ports.
/// </summary>
public sealed class RebuildFromAuthoringTests : IAsyncLifetime
{
    private const int Samples = 6;
    private readonly TempDirectory _data = new();
    private ServiceHost _authoring = null!;
    private ServiceHost _search = null!;

    public async Task InitializeAsync()
    {
        var authoring = ServiceHost.Settings(rabbitMq: null, _data.Sub("authoring"));
        authoring["Seed:Enabled"] = "true";
        _authoring = await ServiceHost.StartAsync((a, c) => AuthoringHost.Create(a, c), authoring);
        var search = ServiceHost.Settings(rabbitMq: null, _data.Sub("search"));
        search["Services:Authoring"] = _authoring.Address.ToString();
        search["Search:TimeBudget"] = "00:00:10"; // a loaded test machine; the budget has tests of its own
        _search = await ServiceHost.StartAsync((a, c) => SearchIndexingHost.Create(a, c), search);
    }

    public async Task DisposeAsync()
    {
        await _search.DisposeAsync();
        await _authoring.DisposeAsync();
        _data.Dispose();
    }

    /// <summary>A client carrying the Search-indexing host's own service token (what its rebuild sends).</summary>
    private async Task<HttpClient> AsSearchServiceAsync()
    {
        var token = await _search.Services.GetRequiredService<ServiceTokens>().GetAsync(CancellationToken.None);
        var client = new HttpClient { BaseAddress = _authoring.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static Task<JsonElement> PublishedListAsync(HttpClient service) =>
        service.GetFromJsonAsync<JsonElement>("/api/internal/published?limit=500");

    [Fact]
    public async Task The_published_revisions_are_served_to_a_service_token_and_to_no_person()
    {
        var service = await AsSearchServiceAsync();
        var list = await Eventually.Until(() => PublishedListAsync(service), l => l.GetProperty("items").GetArrayLength() == Samples,
            what: "the sample content to be published");
        Assert.Contains(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("slug").GetString() == "imatinib");

        Assert.Equal(HttpStatusCode.Unauthorized, (await _authoring.Http.GetAsync("/api/internal/published")).StatusCode);
        foreach (var roles in new[] { new[] { "admin" }, ["editor"], ["reviewer"], ["admin", "editor", "reviewer"] })
        {
            var person = await _authoring.ClientAsAsync("person-1", roles, "Clinical pharmacist");
            Assert.Equal(HttpStatusCode.Forbidden, (await person.GetAsync("/api/internal/published")).StatusCode);
        }
        // Nor can a person get the service role from the development issuer.
        var minted = await _authoring.Http.PostAsJsonAsync("/api/dev/tokens", new { userId = "x", name = "X", roles = new[] { "service" } });
        Assert.Equal(HttpStatusCode.BadRequest, minted.StatusCode);
    }

    [Fact]
    public async Task A_search_host_of_its_own_rebuilds_from_Authoring_and_every_genuine_revision_passes_its_checks()
    {
        var service = await AsSearchServiceAsync();
        var authored = await Eventually.Until(() => PublishedListAsync(service), l => l.GetProperty("items").GetArrayLength() == Samples,
            what: "the sample content to be published");
        var admin = await _search.ClientAsAsync("admin-1", "admin");

        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync("/api/search/rebuild", null)).StatusCode);
        var status = await Eventually.Until(() => admin.GetFromJsonAsync<JsonElement>("/api/search/rebuild"),
            s => s.GetProperty("state").GetString() is "completed" or "failed", TimeSpan.FromSeconds(60), "the rebuild to finish");

        Assert.Equal("completed", status.GetProperty("state").GetString());
        Assert.Equal(Samples, status.GetProperty("documentsFromAuthoring").GetInt32());
        Assert.Equal(Samples, status.GetProperty("documentsIndexed").GetInt32());
        Assert.Empty(status.GetProperty("rejected").EnumerateArray());
        var search = await _search.Http.GetFromJsonAsync<JsonElement>("/api/search?q=Glivec");
        Assert.Equal("imatinib", search.GetProperty("hits")[0].GetProperty("slug").GetString());
        var imatinib = await _search.Http.GetFromJsonAsync<JsonElement>("/api/published/imatinib");
        var record = authored.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("slug").GetString() == "imatinib");
        Assert.Equal(record.GetProperty("contentHash").GetString(), imatinib.GetProperty("contentHash").GetString());
    }
}
