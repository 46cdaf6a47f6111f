using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Publishing.Authoring.Tests.Api;
using Publishing.Authoring.Data;
using Publishing.Contracts;
using Publishing.Testing;
using Xunit;

namespace Publishing.Authoring.Tests.Releases;

/// <summary>Building releases through the API, and getting items into the states a release cares about.</summary>
public static class ReleaseClient
{
    public const string Reason = "EU marketing authorisation withdrawn in 2019 after the confirmatory trial.";

    public static async Task<Guid> CreateReleaseAsync(this HttpClient editor, string name = "Sarcoma update")
    {
        var response = await editor.PostAsJsonAsync("/api/releases", new { name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static Task<HttpResponseMessage> AddAsync(this HttpClient client, Guid release, string slug, string? kind = null,
        string? reason = null, string? confirmTitle = null) =>
        client.PostAsJsonAsync($"/api/releases/{release}/members", new { slug, kind, reason, confirmTitle });

    public static async Task<JsonElement> AddOkAsync(this HttpClient client, Guid release, string slug, string? kind = null,
        string? reason = null, string? confirmTitle = null)
    {
        var response = await client.AddAsync(release, slug, kind, reason, confirmTitle);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"adding {slug}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> GetReleaseAsync(this HttpClient client, Guid release) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/releases/{release}");

    public static Task<HttpResponseMessage> GoLiveAsync(this HttpClient editor, Guid release) =>
        editor.PostAsync($"/api/releases/{release}/go-live", null);

    /// <summary>A new item in review (revision 1), and what its submission answered.</summary>
    public static async Task<(ContentClient Editor, string Slug, JsonElement Submitted)> InReviewAsync(this ServiceApiFactory<Program, AuthoringDbContext> api, string sample)
    {
        var editor = new ContentClient(await api.ClientAsAsync("editor-1", "editor"));
        var slug = $"{sample}-{Guid.NewGuid().ToString("N")[..8]}";
        await editor.CreateAsync(Samples.CreateRequest(sample, slug));
        return (editor, slug, await editor.SubmitOkAsync(slug));
    }

    /// <summary>A published item with a change in review (revision 2).</summary>
    public static async Task<(ContentClient Editor, string Slug, JsonElement Submitted)> PublishedWithChangeAsync(this ServiceApiFactory<Program, AuthoringDbContext> api, string sample)
    {
        var (editor, slug, request) = await api.PublishedAsync(sample);
        var update = Samples.UpdateRequest(request);
        Samples.Fields(update)["evidenceNotes"] = "Checked against the 2025 SmPC.";
        Assert.Equal(HttpStatusCode.OK, (await editor.PutAsync(slug, update, "\"1\"")).StatusCode);
        return (editor, slug, await editor.SubmitOkAsync(slug, reason: "editorial"));
    }

    public static async Task<List<ContentPublished>> PublishedEventsAsync(this ServiceApiFactory<Program, AuthoringDbContext> api, string slug) =>
        (await api.EventsAsync<ContentPublished>()).Where(e => e.Slug == slug).ToList();

    public static async Task<List<ReleasePublished>> ReleaseEventsAsync(this ServiceApiFactory<Program, AuthoringDbContext> api, Guid release) =>
        (await api.EventsAsync<ReleasePublished>()).Where(e => e.ReleaseId == release).ToList();

    public static string State(this JsonElement view, string slug) =>
        view.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("slug").GetString() == slug).GetProperty("state").GetString()!;
}
