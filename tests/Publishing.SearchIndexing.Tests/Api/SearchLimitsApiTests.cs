using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Publishing.SearchIndexing.LuceneIndex;
using Publishing.SearchIndexing.Tests.LuceneIndex;
using Xunit;

namespace Publishing.SearchIndexing.Tests.Api;

/// <summary>GET /api/search refuses what could cost seconds of CPU (400 naming the parameter) and stops a search past its budget (503).</summary>
public sealed class SearchLimitsApiTests(SearchApi api) : IClassFixture<SearchApi>
{
    public static TheoryData<string> Hostile => new()
    {
        "/[ab]*a[ab]{13}/",                                                   // exponential to determinise in the repeat count
        "[a TO z]",                                                           // a range: the whole dictionary
        "aa~2 bb~2 cc~2 dd~2 ee~2 ff~2 gg~2 hh~2",                            // a fuzzy chain
        "imatinib~3",                                                         // more edits than allowed
        "a*",                                                                 // a one-letter wildcard
        "a?* OR b?* OR c?*",
        "\"blood pressure\"~500",                                             // a phrase with unbounded slop
        string.Join(" OR ", Enumerable.Range(0, 40).Select(i => $"w{i}")),    // many OR clauses
        string.Join("-", Enumerable.Range(0, 60).Select(i => $"w{i}")),       // many words in one
        new string('x', 501),                                                 // too long
    };

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task A_query_outside_the_search_limits_is_a_400_problem_naming_q(string q)
    {
        var problem = await ProblemAsync(await api.CreateClient().GetAsync($"/api/search?q={Uri.EscapeDataString(q)}"), HttpStatusCode.BadRequest);

        var message = Assert.Single(problem.GetProperty("errors").GetProperty("q").EnumerateArray()).GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.DoesNotContain("Lucene", message);
    }

    [Theory]
    [InlineData("q=sarcoma&page=201&pageSize=50")]
    [InlineData("q=sarcoma&page=1001")]
    [InlineData("page=10001&pageSize=1")]
    public async Task Paging_deeper_than_the_result_window_is_a_400_naming_page(string query)
    {
        var problem = await ProblemAsync(await api.CreateClient().GetAsync($"/api/search?{query}"), HttpStatusCode.BadRequest);

        Assert.Contains("10,000", problem.GetProperty("errors").GetProperty("page")[0].GetString());
    }

    [Fact]
    public async Task A_dose_with_a_slash_is_an_ordinary_search()
    {
        var slug = $"trabectedin-{Guid.NewGuid():N}"[..24];
        await api.DeliverAsync(SearchApi.Published("imatinib", slug, 1, f => f["mechanism"] = "Given as 1.5 mg/m2 over 24 hours."));

        var result = await api.CreateClient().GetFromJsonAsync<JsonElement>("/api/search?q=mg/m2&pageSize=50");

        Assert.Contains(result.GetProperty("hits").EnumerateArray(), h => h.GetProperty("slug").GetString() == slug);
    }

    [Fact]
    public async Task A_search_past_its_time_budget_is_a_503_problem_with_retry_after()
    {
        // Every read of this clock moves it on a second, so the first check of any search finds the 500 ms spent.
        await using var slow = new SearchApi(new Dictionary<string, string?>(),
            services => services.AddSingleton(new SearchBudget(TimeSpan.FromMilliseconds(500), new JumpingClock(TimeSpan.FromSeconds(1)))));
        await slow.DeliverAsync(SearchApi.Published("imatinib", "imatinib", 1));
        var client = slow.CreateClient();

        foreach (var query in new[] { "q=Glivec", "type=drug", "q=ima*" })
        {
            var response = await client.GetAsync($"/api/search?{query}");
            var problem = await ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
            Assert.Contains("500 ms", problem.GetProperty("detail").GetString());
            Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        }
        // The rest of the service is unaffected.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/published/imatinib")).StatusCode);
    }
}
