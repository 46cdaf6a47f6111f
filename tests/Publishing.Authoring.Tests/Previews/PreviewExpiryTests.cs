using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Publishing.Authoring.Tests.Api;
using Xunit;

namespace Publishing.Authoring.Tests.Previews;

/// <summary>A link's expiry, on a clock the test moves (a host of its own: moving it ends every other test's sign-in too).</summary>
public sealed class PreviewExpiryTests(ClockedAuthoringApi api) : IClassFixture<ClockedAuthoringApi>
{
    [Fact]
    public async Task A_link_stops_at_its_expiry()
    {
        var editor = new ContentClient(await api.ClientAsAsync("editor-1", "editor"));
        var slug = "imatinib-" + Guid.NewGuid().ToString("N")[..8];
        await editor.CreateAsync(Samples.CreateRequest("imatinib", slug));
        await editor.SubmitOkAsync(slug);
        var token = (await (await editor.Http.PostAsJsonAsync($"/api/content/{slug}/previews", new { expiresIn = "PT1H" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await api.CreateClient().GetAsync($"/api/previews/{token}")).StatusCode);

        api.Clock.Advance(TimeSpan.FromHours(1));

        var gone = await api.CreateClient().GetAsync($"/api/previews/{token}");
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Contains("expired", await gone.Content.ReadAsStringAsync());
        Assert.Contains("\"state\":\"expired\"", await editor.Http.GetStringAsync($"/api/content/{slug}/previews"));
    }
}
