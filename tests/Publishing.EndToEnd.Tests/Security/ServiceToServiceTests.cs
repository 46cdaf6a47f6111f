using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Publishing.Authoring;
using Publishing.SearchIndexing;
using Publishing.Testing;
using Xunit;

namespace Publishing.EndToEnd.Tests.Security;

/// <summary>
/// Search-indexing rebuilds from a separately running Authoring in Production: it calls the configured
/// address with a token it obtained for itself by client credentials, never the admin's.
/// </summary>
public sealed class ServiceToServiceTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private OidcProvider _idp = null!;
    private ServiceHost _authoring = null!;

    public async Task InitializeAsync()
    {
        _idp = await OidcProvider.StartAsync();
        var settings = ProductionSettings.For(_idp, _data.Sub("authoring"), FreePort.Next());
        settings["Seed:Enabled"] = "true"; // published sample content to rebuild from
        _authoring = await ServiceHost.StartAsync(AuthoringHost.Create, settings, "Production");
    }

    [Fact]
    public async Task A_rebuild_reads_from_the_configured_authoring_with_the_services_own_credentials()
    {
        await using var search = await StartSearchAsync("search-ok", _idp.ServiceClients.Single(c => c.ClientId == "search-indexing").ClientSecret);
        var status = await RebuildAsync(search);
        Assert.Equal("completed", status.GetProperty("state").GetString());
        Assert.True(status.GetProperty("documentsFromAuthoring").GetInt32() > 0, status.ToString());
        Assert.Equal(HttpStatusCode.OK, (await search.Http.GetAsync("/api/published/imatinib")).StatusCode);
    }

    [Fact]
    public async Task With_wrong_client_credentials_the_rebuild_fails_and_says_so()
    {
        await using var search = await StartSearchAsync("search-bad", "not-the-secret");
        var status = await RebuildAsync(search);
        Assert.Equal("failed", status.GetProperty("state").GetString());
        Assert.Contains("client credentials", status.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await search.Http.GetAsync("/api/published/imatinib")).StatusCode);
    }

    private async Task<ServiceHost> StartSearchAsync(string name, string secret)
    {
        var settings = ProductionSettings.For(_idp, _data.Sub(name), FreePort.Next());
        settings["Services:Authoring"] = _authoring.Address.ToString();
        settings["Auth:Client:ClientId"] = "search-indexing";
        settings["Auth:Client:ClientSecret"] = secret;
        return await ServiceHost.StartAsync(SearchIndexingHost.Create, settings, "Production");
    }

    private async Task<JsonElement> RebuildAsync(ServiceHost search)
    {
        using var admin = new HttpClient { BaseAddress = search.Address };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _idp.UserTokenAsync("ada"));
        // Seeding publishes on start; wait until Authoring lists something.
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync("/api/search/rebuild", null)).StatusCode);
        var response = await Eventually.Until(() => admin.GetFromJsonAsync<JsonElement>("/api/search/rebuild"),
            s => s.GetProperty("state").GetString() is "completed" or "failed", TimeSpan.FromSeconds(60), "the rebuild to finish");
        return response;
    }

    public async Task DisposeAsync()
    {
        await _authoring.DisposeAsync();
        await _idp.DisposeAsync();
        _data.Dispose();
    }
}
