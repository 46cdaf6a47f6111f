using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Publishing.Contracts;
using Xunit;

namespace Publishing.Authoring.Tests.Api;

/// <summary>What a submission must carry and refuse, per the review policy of docs/product.md.</summary>
public sealed class ReviewRulesTests(AuthoringApi api) : IClassFixture<AuthoringApi>
{
    private Task<(ContentClient Editor, string Slug, JsonObject Request)> PublishedAsync(string sample) => api.PublishedAsync(sample);

    private Task Approve(JsonElement submitted, string slug, int revision) => api.ApproveAsync(submitted, slug, revision);

    private static Task Until(ContentClient editor, string slug, string status) => Publications.Until(editor, slug, status);

    [Fact]
    public async Task Adding_a_serious_side_effect_is_a_safety_change_needing_two_approvals()
    {
        var (editor, slug, request) = await PublishedAsync("regorafenib");
        var update = Samples.UpdateRequest(request);
        Samples.Fields(update)["sideEffects"]!["serious"]!.AsArray().Add("a hole in the bowel wall (bowel perforation)");
        Assert.Equal(HttpStatusCode.OK, (await editor.PutAsync(slug, update, "\"1\"")).StatusCode);

        var submitted = await editor.SubmitOkAsync(slug, reason: "safety");

        Assert.Equal("safety", submitted.GetProperty("changeClass").GetString());
        Assert.Equal(2, submitted.GetProperty("requiredApprovals").GetInt32());
        var evt = (await api.EventsAsync<ContentSubmittedForReview>()).Last(e => e.Slug == slug);
        var change = Assert.Single(evt.Changes);
        Assert.Equal("added", change.Kind);
        Assert.StartsWith("sideEffects.serious", change.Path);
        Assert.Equal(2, evt.RequiredApprovals);
    }

    [Fact]
    public async Task An_editor_can_raise_the_class_but_not_lower_it()
    {
        var (editor, slug, request) = await PublishedAsync("imatinib");
        var update = Samples.UpdateRequest(request);
        Samples.Fields(update)["administration"]!["foodAdvice"] = "Take it with a meal and a full glass of water.";
        await editor.PutAsync(slug, update, "\"1\"");

        var lowered = await editor.SubmitAsync(slug, changeClass: "editorial");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, lowered.StatusCode);
        Assert.Equal("draft", (await editor.GetAsync(slug)).GetProperty("status").GetString());

        var (editor2, slug2, request2) = await PublishedAsync("sunitinib");
        var tweak = Samples.UpdateRequest(request2);
        Samples.Fields(tweak)["brandNames"] = new JsonArray("SUTENT");
        await editor2.PutAsync(slug2, tweak, "\"1\"");
        var raised = await editor2.SubmitOkAsync(slug2, changeClass: "clinical");
        Assert.Equal("clinical", raised.GetProperty("changeClass").GetString());
    }

    [Fact]
    public async Task A_clinical_change_to_a_drug_without_a_reference_is_422_naming_the_field()
    {
        var (editor, slug, request) = await PublishedAsync("pazopanib");
        var update = Samples.UpdateRequest(request);
        Samples.Fields(update)["mechanism"] = "Starves the tumour of new blood vessels by blocking VEGF receptors.";
        Samples.Fields(update)["references"] = new JsonArray();
        await editor.PutAsync(slug, update, "\"1\"");

        var response = await editor.SubmitAsync(slug);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("fields.references", out _));
        Assert.Equal("draft", (await editor.GetAsync(slug)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Submitting_with_nothing_changed_since_publication_is_409()
    {
        var (editor, slug, request) = await PublishedAsync("olaratumab");
        await editor.PutAsync(slug, Samples.UpdateRequest(request), "\"1\"");
        Assert.Equal(HttpStatusCode.Conflict, (await editor.SubmitAsync(slug)).StatusCode);
    }

    [Fact]
    public async Task Publishing_carries_the_document_approvals_dates_and_a_verifiable_hash()
    {
        var (editor, slug, request) = await PublishedAsync("regorafenib");

        var published = (await api.EventsAsync<ContentPublished>()).Single(e => e.Slug == slug);
        Assert.Equal(1, published.Revision);
        Assert.Equal("regorafenib", published.Fields.GetProperty("genericName").GetString());
        Assert.Equal(2, published.Approvals.Count);
        Assert.Contains(published.Approvals, a => a.Qualification == "Clinical pharmacist");
        Assert.NotNull(published.LastReviewed);
        Assert.Equal(published.LastReviewed!.Value.AddYears(3).Date, published.NextReviewDue!.Value.Date);
        Assert.Equal(global::Publishing.ServiceDefaults.Integrity.CanonicalJson.Sha256(published.Fields), published.ContentHash);

        var item = await editor.GetAsync(slug);
        Assert.Equal(1, item.GetProperty("publishedRevision").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, item.GetProperty("dates").GetProperty("firstPublished").ValueKind);
    }

    [Fact]
    public async Task An_editorial_change_leaves_the_review_dates_alone()
    {
        var (editor, slug, request) = await PublishedAsync("sunitinib");
        var before = (await editor.GetAsync(slug)).GetProperty("dates");
        var update = Samples.UpdateRequest(request);
        update["title"] = "Sunitinib (Sutent) for GIST";
        await editor.PutAsync(slug, update, "\"1\"");
        var submitted = await editor.SubmitOkAsync(slug, reason: "editorial");
        Assert.Equal("editorial", submitted.GetProperty("changeClass").GetString());
        await Approve(submitted, slug, 2);
        await Until(editor, slug, "published");

        var after = (await editor.GetAsync(slug)).GetProperty("dates");
        Assert.Equal(before.GetProperty("lastReviewed").GetDateTimeOffset(), after.GetProperty("lastReviewed").GetDateTimeOffset());
        Assert.True(after.GetProperty("lastModified").GetDateTimeOffset() > before.GetProperty("lastModified").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_change_request_returns_the_item_to_its_editor_with_the_comment()
    {
        var editor = new ContentClient(await api.ClientAsAsync("editor-1", "editor"));
        var slug = "imatinib-" + Guid.NewGuid().ToString("N")[..8];
        await editor.CreateAsync(Samples.CreateRequest("imatinib", slug));
        var submitted = await editor.SubmitOkAsync(slug);
        var contentId = (await api.WithDb(db => Task.FromResult(db.Content.Single(c => c.Slug == slug)))).Id;

        await api.PublishAsync(new ChangesRequested(submitted.GetProperty("reviewId").GetGuid(), contentId, slug, 1,
            "pharmacist-1", "Aisha Rahman", "Cite the 2024 SmPC for the dose.", DateTimeOffset.UtcNow));
        await Until(editor, slug, "changes-requested");

        Assert.Equal("Cite the 2024 SmPC for the dose.", (await editor.GetAsync(slug)).GetProperty("reviewComment").GetString());
        Assert.Equal(HttpStatusCode.OK, (await editor.PutAsync(slug, Samples.UpdateRequest(Samples.CreateRequest("imatinib", slug)), "\"1\"")).StatusCode);
    }

    [Fact]
    public async Task A_reviewer_withdraws_published_content_at_once_with_a_reason()
    {
        var (editor, slug, _) = await PublishedAsync("olaratumab");
        var reviewer = await api.ClientAsAsync("pharmacist-1", "reviewer", "Clinical pharmacist");

        var response = await reviewer.PostAsJsonAsync($"/api/content/{slug}/withdrawal",
            new { reason = "EU marketing authorisation withdrawn in 2019 after the ANNOUNCE trial." });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var withdrawn = (await api.EventsAsync<ContentWithdrawn>()).Single(e => e.Slug == slug);
        Assert.Equal(1, withdrawn.Revision);
        Assert.StartsWith("EU marketing authorisation", withdrawn.Reason);
        var item = await editor.GetAsync(slug);
        Assert.Equal("withdrawn", item.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("publishedRevision").ValueKind);
        Assert.Equal(HttpStatusCode.Conflict, (await reviewer.PostAsJsonAsync($"/api/content/{slug}/withdrawal", new { reason = "again" })).StatusCode);

        var audit = await editor.Http.GetFromJsonAsync<JsonElement>($"/api/content/{slug}/audit");
        Assert.Equal(["created", "submitted", "published", "withdrawn"], audit.EnumerateArray().Select(a => a.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task A_periodic_review_moves_the_review_dates_but_not_the_revision_or_last_modified()
    {
        var (editor, slug, _) = await PublishedAsync("imatinib");
        var before = await editor.GetAsync(slug);
        var contentId = (await api.WithDb(db => Task.FromResult(db.Content.Single(c => c.Slug == slug)))).Id;
        var confirmation = new Approval("oncologist-1", "Owen Price", "Consultant medical oncologist", "Still accurate", true, DateTimeOffset.UtcNow);

        await api.PublishAsync(new PeriodicReviewCompleted(Guid.NewGuid(), contentId, slug, 1, confirmation, DateTimeOffset.UtcNow));
        var confirmed = await Eventually(async () => (await api.EventsAsync<ContentReviewConfirmed>()).SingleOrDefault(e => e.Slug == slug));

        var after = await editor.GetAsync(slug);
        Assert.Equal(1, after.GetProperty("revision").GetInt32());
        Assert.Equal(before.GetProperty("dates").GetProperty("lastModified").GetDateTimeOffset(),
            after.GetProperty("dates").GetProperty("lastModified").GetDateTimeOffset());
        Assert.True(after.GetProperty("dates").GetProperty("lastReviewed").GetDateTimeOffset()
            > before.GetProperty("dates").GetProperty("lastReviewed").GetDateTimeOffset());
        Assert.Equal(confirmed.LastReviewed.AddYears(3).Date, confirmed.NextReviewDue.Date);
        Assert.Equal("Consultant medical oncologist", confirmed.Confirmation.Qualification);
    }

    [Fact]
    public async Task A_periodic_review_of_a_revision_that_is_no_longer_published_changes_nothing()
    {
        var (editor, slug, _) = await PublishedAsync("sunitinib");
        var contentId = (await api.WithDb(db => Task.FromResult(db.Content.Single(c => c.Slug == slug)))).Id;
        var reviewer = await api.ClientAsAsync("pharmacist-1", "reviewer", "Clinical pharmacist");
        await reviewer.PostAsJsonAsync($"/api/content/{slug}/withdrawal", new { reason = "Licence suspended." });
        var before = await editor.GetAsync(slug);

        var confirmation = new Approval("oncologist-1", "Owen Price", "Consultant medical oncologist", null, true, DateTimeOffset.UtcNow);
        await api.PublishAndWaitAsync(new PeriodicReviewCompleted(Guid.NewGuid(), contentId, slug, 1, confirmation, DateTimeOffset.UtcNow),
            "ConfirmPeriodicReviewConsumer");

        Assert.Equal(before.GetRawText(), (await editor.GetAsync(slug)).GetRawText());
        Assert.DoesNotContain(await api.EventsAsync<ContentReviewConfirmed>(), e => e.Slug == slug);
    }

    private static async Task<T> Eventually<T>(Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (await probe() is { } found) return found;
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(50);
        }
    }
}
