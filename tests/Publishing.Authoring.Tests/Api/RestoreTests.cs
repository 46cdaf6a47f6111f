using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Publishing.Contracts;
using Xunit;

namespace Publishing.Authoring.Tests.Api;

/// <summary>An earlier revision comes back as a new one and goes through review like any change.</summary>
public sealed class RestoreTests(AuthoringApi api) : IClassFixture<AuthoringApi>
{
    private const string NewMechanism = "Blocks several kinases that feed the tumour and its blood supply.";

    /// <summary>Revision 1 published, then revision 2 (a new mechanism) published over it.</summary>
    private async Task<(ContentClient Editor, string Slug, string OldMechanism)> PublishedTwiceAsync()
    {
        var (editor, slug, request) = await api.PublishedAsync("imatinib");
        var update = Samples.UpdateRequest(request);
        Samples.Fields(update)["mechanism"] = NewMechanism;
        Assert.Equal(HttpStatusCode.OK, (await editor.PutAsync(slug, update, "\"1\"")).StatusCode);
        var submitted = await editor.SubmitOkAsync(slug);
        await api.ApproveAsync(submitted, slug, 2);
        await Eventually(async () => (await editor.GetAsync(slug)).GetProperty("publishedRevision").GetInt32() == 2);
        return (editor, slug, Samples.Fields(request)["mechanism"]!.GetValue<string>());
    }

    private static Task<HttpResponseMessage> RestoreAsync(ContentClient editor, string slug, int number, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/content/{slug}/revisions/{number}/restore");
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return editor.Http.SendAsync(request);
    }

    [Fact]
    public async Task A_restored_revision_goes_through_review_and_goes_live_under_a_new_number()
    {
        var (editor, slug, oldMechanism) = await PublishedTwiceAsync();

        var response = await RestoreAsync(editor, slug, 1, "\"2\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"3\"", response.Headers.ETag?.Tag);
        var saved = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, saved.GetProperty("revision").GetInt32());
        Assert.Equal("draft", saved.GetProperty("status").GetString());
        Assert.Equal(oldMechanism, saved.GetProperty("fields").GetProperty("mechanism").GetString());
        // Classified as any edit of the mechanism against the live copy would be.
        Assert.Equal("clinical", saved.GetProperty("changeClass").GetString());
        Assert.Contains("mechanism", saved.GetProperty("changeReasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(2, (await editor.GetAsync(slug)).GetProperty("publishedRevision").GetInt32());

        var audit = await editor.Http.GetFromJsonAsync<JsonElement>($"/api/content/{slug}/audit");
        Assert.Contains(audit.EnumerateArray(), a => a.GetProperty("action").GetString() == "restored"
            && a.GetProperty("revision").GetInt32() == 3 && a.GetProperty("detail").GetString() == "Restored from revision 1.");

        var submitted = await editor.SubmitOkAsync(slug);
        Assert.Equal("clinical", submitted.GetProperty("changeClass").GetString());
        var review = Assert.Single(await api.EventsAsync<ContentSubmittedForReview>(), e => e.Slug == slug && e.Revision == 3);
        Assert.Contains(review.Changes, c => c.Path == "mechanism");
        await api.ApproveAsync(submitted, slug, 3);

        await Eventually(async () => (await editor.GetAsync(slug)).GetProperty("publishedRevision").GetInt32() == 3);
        var published = Assert.Single(await api.EventsAsync<ContentPublished>(), e => e.Slug == slug && e.Revision == 3);
        Assert.Equal(oldMechanism, published.Fields.GetProperty("mechanism").GetString());
        var revisions = await editor.Http.GetFromJsonAsync<JsonElement>($"/api/content/{slug}/revisions");
        Assert.Equal([3, 2, 1], revisions.EnumerateArray().Select(r => r.GetProperty("number").GetInt32()));
    }

    [Fact]
    public async Task Restoring_what_cannot_be_restored_is_refused_and_changes_nothing()
    {
        var (editor, slug, _) = await PublishedTwiceAsync();

        Assert.Equal(HttpStatusCode.Conflict, (await RestoreAsync(editor, slug, 2, "\"2\"")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await RestoreAsync(editor, slug, 7, "\"2\"")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await RestoreAsync(editor, "no-such-item", 1, "\"2\"")).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await RestoreAsync(editor, slug, 1, null)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await RestoreAsync(editor, slug, 1, "\"1\"")).StatusCode);
        var reviewer = new ContentClient(await api.ClientAsAsync("pharmacist-1", "reviewer", "Clinical pharmacist"));
        Assert.Equal(HttpStatusCode.Forbidden, (await RestoreAsync(reviewer, slug, 1, "\"2\"")).StatusCode);

        // In review, as for a save.
        var update = Samples.UpdateRequest(Samples.CreateRequest("imatinib", slug));
        Samples.Fields(update)["evidenceNotes"] = "Checked against the 2024 SmPC.";
        Assert.Equal(HttpStatusCode.OK, (await editor.PutAsync(slug, update, "\"2\"")).StatusCode);
        await editor.SubmitOkAsync(slug);
        Assert.Equal(HttpStatusCode.Conflict, (await RestoreAsync(editor, slug, 1, "\"3\"")).StatusCode);

        var item = await editor.GetAsync(slug);
        Assert.Equal(3, item.GetProperty("revision").GetInt32());
        var audit = await editor.Http.GetFromJsonAsync<JsonElement>($"/api/content/{slug}/audit");
        Assert.DoesNotContain("restored", audit.EnumerateArray().Select(a => a.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task A_revision_that_reads_the_same_as_the_working_copy_is_not_restored_again()
    {
        var (editor, slug, _) = await PublishedTwiceAsync();
        Assert.Equal(HttpStatusCode.OK, (await RestoreAsync(editor, slug, 1, "\"2\"")).StatusCode);

        var again = await RestoreAsync(editor, slug, 1, "\"3\"");

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(3, (await editor.GetAsync(slug)).GetProperty("revision").GetInt32());
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition never held");
            await Task.Delay(50);
        }
    }
}
