using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Publishing.Authoring.Tests.Api;

/// <summary><c>GET /api/content</c>: each item with its dates and who last saved its working copy.</summary>
public sealed class ContentListTests(AuthoringApi api) : IClassFixture<AuthoringApi>
{
    [Fact]
    public async Task Each_item_says_when_and_by_whom_its_working_copy_was_saved_and_when_its_review_is_due()
    {
        var (editor, slug, request) = await api.PublishedAsync("imatinib");
        var published = await ItemAsync(editor, slug);
        Assert.Equal("editor-1", published.GetProperty("savedById").GetString());
        Assert.Equal(JsonValueKind.String, published.GetProperty("dates").GetProperty("nextReviewDue").ValueKind);
        var publishedSave = published.GetProperty("savedAt").GetDateTimeOffset();

        var other = new ContentClient(await api.ClientAsAsync("editor-2", "editor"));
        var update = Samples.UpdateRequest(request);
        Samples.Fields(update)["evidenceNotes"] = "Checked again against the SmPC.";
        Assert.Equal(HttpStatusCode.OK, (await other.PutAsync(slug, update, "\"1\"")).StatusCode);

        var edited = await ItemAsync(editor, slug);
        Assert.Equal("editor-2", edited.GetProperty("savedById").GetString());
        Assert.Equal(2, edited.GetProperty("revision").GetInt32());
        Assert.True(edited.GetProperty("savedAt").GetDateTimeOffset() >= publishedSave);
    }

    private static async Task<JsonElement> ItemAsync(ContentClient editor, string slug)
    {
        var list = await editor.Http.GetFromJsonAsync<JsonElement>("/api/content");
        return list.EnumerateArray().Single(i => i.GetProperty("slug").GetString() == slug);
    }
}
