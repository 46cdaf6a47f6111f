using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Publishing.Authoring.Tests.Api;

/// <summary>An editor's calls, asserting the status each step must have.</summary>
public sealed class ContentClient(HttpClient http)
{
    public HttpClient Http => http;

    public async Task CreateAsync(JsonObject request)
    {
        var response = await http.PostAsync("/api/content", Body(request));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public async Task<JsonElement> GetAsync(string slug)
    {
        var response = await http.GetAsync($"/api/content/{slug}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public Task<HttpResponseMessage> PutAsync(string slug, JsonObject update, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/content/{slug}") { Content = Body(update) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return http.SendAsync(request);
    }

    public Task<HttpResponseMessage> SubmitAsync(string slug, string reason = "new-evidence", string? changeClass = null) =>
        http.PostAsJsonAsync($"/api/content/{slug}/submissions", new { changeSummary = "Updated from the SmPC", reason, changeClass });

    public async Task<JsonElement> SubmitOkAsync(string slug, string reason = "new-evidence", string? changeClass = null)
    {
        var response = await SubmitAsync(slug, reason, changeClass);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static StringContent Body(JsonNode node) => new(Samples.Json(node), Encoding.UTF8, "application/json");
}
