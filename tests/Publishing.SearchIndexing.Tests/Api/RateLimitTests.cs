using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Publishing.Testing;
using Xunit;

namespace Publishing.SearchIndexing.Tests.Api;

/// <summary>
/// The anonymous surface is rate limited per client, on a real loopback port (the client is the connection's
/// address). Burst 3 and one permit every 1,000 s: the fourth request in a row is refused however slow the machine.
/// </summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private ServiceHost _host = null!;

    public async Task InitializeAsync()
    {
        var settings = ServiceHost.Settings(rabbitMq: null, _data.Path);
        settings["Search:TimeBudget"] = "00:00:10"; // a loaded test machine; the budget has tests of its own
        foreach (var policy in new[] { "Search", "PublicReads" })
        {
            settings[$"RateLimits:{policy}:PermitsPerSecond"] = "0.001";
            settings[$"RateLimits:{policy}:Burst"] = "3";
        }
        _host = await ServiceHost.StartAsync((a, c) => SearchIndexingHost.Create(a, c), settings);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
    }

    /// <summary>A request claiming, in vain, to come through a proxy from yet another address.</summary>
    private Task<HttpResponseMessage> GetAsync(string path, int claimedClient)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-For", $"10.0.0.{claimedClient}");
        return _host.Http.SendAsync(request);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {response.Headers.RetryAfter}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains("too many requests", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Searching_past_the_burst_answers_429_with_retry_after_and_a_problem()
    {
        for (var i = 1; i <= 3; i++) Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/search?q=sarcoma", i)).StatusCode);

        await AssertRefusedAsync(await GetAsync("/api/search?q=sarcoma", 4));
        await AssertRefusedAsync(await GetAsync("/api/search?q=imatinib", 5));
    }

    [Fact]
    public async Task Published_items_the_change_feed_and_atom_share_one_budget_per_client()
    {
        string[] reads = ["/api/published/imatinib", "/api/changes", "/feed.atom"];
        var i = 0;
        foreach (var path in reads) Assert.NotEqual(HttpStatusCode.TooManyRequests, (await GetAsync(path, ++i)).StatusCode);

        foreach (var path in reads) await AssertRefusedAsync(await GetAsync(path, ++i));

        // Search has a budget of its own, and so does another client (a signed-in caller is its own client).
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/search?q=sarcoma", ++i)).StatusCode);
        var signedIn = await _host.ClientAsAsync("reader-1", "editor");
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/api/changes")).StatusCode);
    }
}
