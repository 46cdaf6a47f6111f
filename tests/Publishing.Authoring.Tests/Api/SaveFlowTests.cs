using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Publishing.Contracts;
using Xunit;

namespace Publishing.Authoring.Tests.Api;

/// <summary>A save that changes nothing, and taking a submission back from review.</summary>
public sealed class SaveFlowTests(AuthoringApi api) : IClassFixture<AuthoringApi>
{
    [Fact]
    public async Task Saving_a_published_item_unchanged_makes_no_revision_and_leaves_it_published()
    {
        var (editor, slug, request) = await api.PublishedAsync("regorafenib");
        var update = Samples.UpdateRequest(request);
        update["title"] = "  " + update["title"]!.GetValue<string>() + " "; // as a form posts it

        var response = await editor.PutAsync(slug, update, "\"1\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(answer.GetProperty("saved").GetBoolean());
        Assert.Equal(0, answer.GetProperty("changes").GetInt32());
        var item = await editor.GetAsync(slug);
        Assert.Equal(1, item.GetProperty("revision").GetInt32());
        Assert.Equal("published", item.GetProperty("status").GetString());
        var audit = await editor.Http.GetFromJsonAsync<JsonElement>($"/api/content/{slug}/audit");
        Assert.DoesNotContain(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "saved");
    }

    [Fact]
    public async Task Recalling_a_submission_makes_the_item_editable_again_and_tells_review()
    {
        var (editor, slug, request) = await api.PublishedAsync("imatinib");
        var update = Samples.UpdateRequest(request);
        Samples.Fields(update)["mechanism"] = "Blocks the KIT and PDGFRA signals that drive GIST cells to grow.";
        await editor.PutAsync(slug, update, "\"1\"");
        var submitted = await editor.SubmitOkAsync(slug);
        var reviewId = submitted.GetProperty("reviewId").GetGuid();
        Assert.Equal(reviewId, (await editor.GetAsync(slug)).GetProperty("openReviewId").GetGuid());

        var recall = await editor.Http.PostAsync($"/api/content/{slug}/submissions/{reviewId}/recall", null);

        Assert.Equal(HttpStatusCode.OK, recall.StatusCode);
        Assert.Equal("recalled", (await recall.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var item = await editor.GetAsync(slug);
        Assert.Equal("draft", item.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("openReviewId").ValueKind);
        var recalled = (await api.EventsAsync<SubmissionRecalled>()).Single(e => e.Slug == slug);
        Assert.Equal(reviewId, recalled.ReviewId);
        Assert.Equal("Test editor-1", recalled.EditorName);
        var audit = await editor.Http.GetFromJsonAsync<JsonElement>($"/api/content/{slug}/audit");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "recalled" && e.GetProperty("actorId").GetString() == "editor-1");

        // Editable again; a second recall has nothing to recall; a late approval publishes nothing.
        Samples.Fields(update)["mechanism"] = "Blocks the KIT and PDGFRA signals that make GIST cells grow.";
        Assert.Equal(HttpStatusCode.OK, (await editor.PutAsync(slug, update, "\"2\"")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await editor.Http.PostAsync($"/api/content/{slug}/submissions/{reviewId}/recall", null)).StatusCode);
        var contentId = await api.WithDb(db => Task.FromResult(db.Content.Single(c => c.Slug == slug).Id));
        await api.PublishAndWaitAsync(new ReviewApproved(reviewId, contentId, slug, 2, "clinical",
            [new Approval("pharmacist-1", "Aisha Rahman", "Clinical pharmacist", null, true, DateTimeOffset.UtcNow)], DateTimeOffset.UtcNow),
            "PublishApprovedRevisionConsumer");
        Assert.Equal("draft", (await editor.GetAsync(slug)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Recalling_an_unknown_submission_is_404_and_a_reviewer_cannot_recall()
    {
        var (editor, slug, _) = await api.PublishedAsync("sunitinib");
        Assert.Equal(HttpStatusCode.NotFound, (await editor.Http.PostAsync($"/api/content/{slug}/submissions/{Guid.NewGuid()}/recall", null)).StatusCode);
        var reviewer = await api.ClientAsAsync("reviewer-1", "reviewer", "Clinical pharmacist");
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PostAsync($"/api/content/{slug}/submissions/{Guid.NewGuid()}/recall", null)).StatusCode);
    }
}
