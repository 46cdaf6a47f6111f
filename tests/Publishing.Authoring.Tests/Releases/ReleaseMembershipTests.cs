using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Publishing.Authoring.Tests.Api;
using Xunit;

namespace Publishing.Authoring.Tests.Releases;

/// <summary>What can join a release, who may add it, and the bad input that changes nothing.</summary>
public sealed class ReleaseMembershipTests(AuthoringApi api) : IClassFixture<AuthoringApi>
{
    [Fact]
    public async Task An_item_is_in_one_release_at_a_time()
    {
        var (editor, slug, _) = await api.InReviewAsync("imatinib");
        var first = await editor.Http.CreateReleaseAsync("First");
        var second = await editor.Http.CreateReleaseAsync("Second");
        await editor.Http.AddOkAsync(first, slug);

        var again = await editor.Http.AddAsync(second, slug);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("First", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Empty((await editor.Http.GetReleaseAsync(second)).GetProperty("members").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, (await editor.Http.DeleteAsync($"/api/releases/{first}/members/{slug}")).StatusCode);
        await editor.Http.AddOkAsync(second, slug);
    }

    [Fact]
    public async Task A_draft_or_a_published_item_without_a_change_cannot_join_as_a_change()
    {
        var (editor, published, _) = await api.PublishedAsync("sunitinib");
        var release = await editor.Http.CreateReleaseAsync();
        Assert.Equal(HttpStatusCode.Conflict, (await editor.Http.AddAsync(release, published)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.Http.AddAsync(release, "no-such-item")).StatusCode);
        Assert.Equal("published", (await editor.GetAsync(published)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_withdrawal_needs_a_reviewer_a_reason_and_the_published_title_typed()
    {
        var (editor, slug, _) = await api.PublishedAsync("olaratumab");
        var reviewer = await api.ClientAsAsync("pharmacist-1", "reviewer", "Clinical pharmacist");
        var release = await editor.Http.CreateReleaseAsync();

        Assert.Equal(HttpStatusCode.Forbidden,
            (await editor.Http.AddAsync(release, slug, "withdrawal", ReleaseClient.Reason, "Olaratumab (Lartruvo)")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await reviewer.AddAsync(release, slug, "withdrawal", null, "Olaratumab (Lartruvo)")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await reviewer.AddAsync(release, slug, "withdrawal", ReleaseClient.Reason)).StatusCode);
        var wrong = await reviewer.AddAsync(release, slug, "withdrawal", ReleaseClient.Reason, "Imatinib (Glivec)");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Contains("Olaratumab (Lartruvo)", (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Empty((await editor.Http.GetReleaseAsync(release)).GetProperty("members").EnumerateArray());

        var added = await reviewer.AddOkAsync(release, slug, "withdrawal", ReleaseClient.Reason, "Olaratumab (Lartruvo)");
        var member = Assert.Single(added.GetProperty("members").EnumerateArray());
        Assert.Equal("ready", member.GetProperty("state").GetString());
        Assert.Equal(ReleaseClient.Reason, member.GetProperty("withdrawalReason").GetString());
        Assert.Equal("published", (await editor.GetAsync(slug)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_reviewer_cannot_add_a_change_nor_create_a_release()
    {
        var (_, slug, _) = await api.InReviewAsync("pazopanib");
        var editor = await api.ClientAsAsync("editor-1", "editor");
        var reviewer = await api.ClientAsAsync("pharmacist-1", "reviewer", "Clinical pharmacist");
        var release = await editor.CreateReleaseAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.AddAsync(release, slug)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PostAsJsonAsync("/api/releases", new { name = "Mine" })).StatusCode);
    }

    [Theory]
    [InlineData("{}", HttpStatusCode.BadRequest)]
    [InlineData("{\"name\":\"   \"}", HttpStatusCode.BadRequest)]
    [InlineData("{\"name\":\"Sarcoma\\u202Eupdate\"}", HttpStatusCode.UnprocessableEntity)]
    [InlineData("{\"name\":42}", HttpStatusCode.BadRequest)]
    public async Task A_bad_release_name_is_refused(string body, HttpStatusCode expected)
    {
        var editor = await api.ClientAsAsync("editor-1", "editor");
        var before = (await editor.GetFromJsonAsync<JsonElement>("/api/releases")).GetArrayLength();
        var response = await editor.PostAsync("/api/releases", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, (await editor.GetFromJsonAsync<JsonElement>("/api/releases")).GetArrayLength());
    }

    [Fact]
    public async Task Bad_member_requests_are_4xx_problems()
    {
        var editor = await api.ClientAsAsync("editor-1", "editor");
        var release = await editor.CreateReleaseAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await editor.AddAsync(release, "Not A Slug")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await editor.AddAsync(release, "imatinib", kind: "deletion")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.AddAsync(Guid.NewGuid(), "imatinib")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync($"/api/releases/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.DeleteAsync($"/api/releases/{release}/members/imatinib")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await editor.GoLiveAsync(release)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GoLiveAsync(Guid.NewGuid())).StatusCode);
    }
}
