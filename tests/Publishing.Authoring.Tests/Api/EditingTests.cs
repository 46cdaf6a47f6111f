using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Publishing.Authoring.Tests.Api;

public sealed class EditingTests(AuthoringApi api) : IClassFixture<AuthoringApi>
{
    private async Task<(ContentClient Editor, string Slug, JsonObject Request)> CreateAsync(string sample = "regorafenib")
    {
        var editor = new ContentClient(await api.ClientAsAsync("editor-1", "editor"));
        var slug = $"{sample}-{Guid.NewGuid().ToString("N")[..8]}";
        var request = Samples.CreateRequest(sample, slug);
        await editor.CreateAsync(request);
        return (editor, slug, request);
    }

    [Fact]
    public async Task Create_answers_201_with_location_and_etag_and_a_duplicate_slug_409()
    {
        var editor = new ContentClient(await api.ClientAsAsync("editor-1", "editor"));
        var slug = "sunitinib-" + Guid.NewGuid().ToString("N")[..8];
        var created = await editor.Http.PostAsync("/api/content", ContentClient.Body(Samples.CreateRequest("sunitinib", slug)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/content/{slug}", created.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);

        var again = await editor.Http.PostAsync("/api/content", ContentClient.Body(Samples.CreateRequest("sunitinib", slug)));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Each_save_is_a_new_numbered_revision_and_old_ones_stay_as_they_were()
    {
        var (editor, slug, request) = await CreateAsync();
        var update = Samples.UpdateRequest(request);
        Samples.Fields(update)["mechanism"] = "Blocks several kinases that feed the tumour and its blood supply.";
        var saved = await editor.PutAsync(slug, update, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("\"2\"", saved.Headers.ETag?.Tag);

        var first = await editor.Http.GetFromJsonAsync<JsonElement>($"/api/content/{slug}/revisions/1");
        var second = await editor.Http.GetFromJsonAsync<JsonElement>($"/api/content/{slug}/revisions/2");
        Assert.Equal(Samples.Fields(request)["mechanism"]!.GetValue<string>(), first.GetProperty("fields").GetProperty("mechanism").GetString());
        Assert.StartsWith("Blocks several kinases", second.GetProperty("fields").GetProperty("mechanism").GetString());
        var list = await editor.Http.GetFromJsonAsync<JsonElement>($"/api/content/{slug}/revisions");
        Assert.Equal([2, 1], list.EnumerateArray().Select(r => r.GetProperty("number").GetInt32()));
    }

    [Fact]
    public async Task Of_two_concurrent_saves_of_the_same_revision_one_wins_and_the_other_gets_412_losing_nothing()
    {
        var (editor, slug, request) = await CreateAsync();
        var mine = Samples.UpdateRequest(request);
        Samples.Fields(mine)["evidenceNotes"] = "Editor A's notes.";
        var theirs = Samples.UpdateRequest(request);
        Samples.Fields(theirs)["evidenceNotes"] = "Editor B's notes.";

        var responses = await Task.WhenAll(editor.PutAsync(slug, mine, "\"1\""), editor.PutAsync(slug, theirs, "\"1\""));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], responses.Select(r => r.StatusCode).Order());
        var winner = responses[0].StatusCode == HttpStatusCode.OK ? "Editor A's notes." : "Editor B's notes.";
        var current = await editor.GetAsync(slug);
        Assert.Equal(2, current.GetProperty("revision").GetInt32());
        Assert.Equal(winner, current.GetProperty("fields").GetProperty("evidenceNotes").GetString());
    }

    [Fact]
    public async Task Saving_while_in_review_is_409()
    {
        var (editor, slug, request) = await CreateAsync();
        await editor.SubmitOkAsync(slug);
        var response = await editor.PutAsync(slug, Samples.UpdateRequest(request), "\"1\"");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("in-review", (await editor.GetAsync(slug)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Reordering_list_items_is_not_a_change()
    {
        var (editor, slug, request) = await CreateAsync("pazopanib");
        var update = Samples.UpdateRequest(request);
        foreach (var list in new[] { "approvals", "references", "indications" })
        {
            var items = Samples.Fields(update)[list]!.AsArray().Select(n => n!.DeepClone()).Reverse().ToList();
            Samples.Fields(update)[list] = new JsonArray(items.ToArray());
        }
        var common = Samples.Fields(update)["sideEffects"]!["common"]!.AsArray().Select(n => n!.DeepClone()).Reverse().ToArray();
        Samples.Fields(update)["sideEffects"]!["common"] = new JsonArray(common);
        Assert.Equal(HttpStatusCode.OK, (await editor.PutAsync(slug, update, "\"1\"")).StatusCode);

        var diff = await editor.Http.GetFromJsonAsync<JsonElement>($"/api/content/{slug}/diff?from=1&to=2");
        Assert.Empty(diff.GetProperty("changes").EnumerateArray());
        Assert.Equal("editorial", diff.GetProperty("changeClass").GetString());
    }
}
