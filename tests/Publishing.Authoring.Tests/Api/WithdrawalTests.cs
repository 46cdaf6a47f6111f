using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Publishing.Contracts;
using Xunit;

namespace Publishing.Authoring.Tests.Api;

/// <summary>A withdrawal names the item it takes down: with <c>confirmTitle</c>, only its published title will do.</summary>
public sealed class WithdrawalTests(AuthoringApi api) : IClassFixture<AuthoringApi>
{
    private const string Reason = "EU marketing authorisation withdrawn in 2019 after the confirmatory trial.";

    [Theory]
    [InlineData("Imatinib (Glivec)")]
    [InlineData("")]
    [InlineData("Olaratumab")]
    public async Task A_wrong_title_is_refused_and_changes_nothing(string typed)
    {
        var (editor, slug, _) = await api.PublishedAsync("olaratumab");
        var reviewer = await api.ClientAsAsync("pharmacist-1", "reviewer", "Clinical pharmacist");

        var response = await reviewer.PostAsJsonAsync($"/api/content/{slug}/withdrawal", new { reason = Reason, confirmTitle = typed });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var message = Assert.Single(problem.GetProperty("errors").GetProperty("confirmTitle").EnumerateArray()).GetString();
        Assert.Contains("Olaratumab (Lartruvo)", message);
        var item = await editor.GetAsync(slug);
        Assert.Equal("published", item.GetProperty("status").GetString());
        Assert.Equal(1, item.GetProperty("publishedRevision").GetInt32());
        Assert.DoesNotContain(await api.EventsAsync<ContentWithdrawn>(), e => e.Slug == slug);
        var audit = await editor.Http.GetFromJsonAsync<JsonElement>($"/api/content/{slug}/audit");
        Assert.DoesNotContain("withdrawn", audit.EnumerateArray().Select(a => a.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task The_published_title_withdraws_whatever_its_case_and_spacing()
    {
        var (editor, slug, _) = await api.PublishedAsync("olaratumab");
        var reviewer = await api.ClientAsAsync("pharmacist-1", "reviewer", "Clinical pharmacist");

        var response = await reviewer.PostAsJsonAsync($"/api/content/{slug}/withdrawal",
            new { reason = Reason, confirmTitle = "  olaratumab   (LARTRUVO) " });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("withdrawn", (await editor.GetAsync(slug)).GetProperty("status").GetString());
        Assert.Contains(await api.EventsAsync<ContentWithdrawn>(), e => e.Slug == slug);
    }
}
