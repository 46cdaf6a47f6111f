using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Publishing.Contracts;
using Publishing.Messaging.Outbox;
using Xunit;

namespace Publishing.Authoring.Tests.Api;

/// <summary>
/// Control characters, direction overrides, invisible and broken characters in any text an editor or
/// reviewer sends to Authoring are a 422 naming the member, and leave no revision, audit entry or event.
/// </summary>
public sealed class RefusedTextTests(AuthoringApi api) : IClassFixture<AuthoringApi>
{
    private const string Drug = "imatinib";
    private const string Article = "targeted-therapy-soft-tissue-sarcoma";

    /// <summary>A save of the sample with every optional member present, so every member is tried.</summary>
    private static JsonObject FullUpdate(string sample)
    {
        var update = Samples.UpdateRequest(Samples.CreateRequest(sample, "any"));
        if (sample == Drug) Samples.Fields(update)["tags"] = new JsonArray("GIST", "targeted therapy");
        return update;
    }

    private static IEnumerable<(string Sample, string Path)> Members() =>
        new[] { Drug, Article }.SelectMany(sample => BadText.Paths(FullUpdate(sample)).Select(path => (sample, path)));

    public static TheoryData<string, string> SavedMembers() => Table(Members());

    public static TheoryData<string, string> LongTextMembers() => Table(Members().Where(m => BadText.IsLongText(m.Path)));

    private static TheoryData<string, string> Table(IEnumerable<(string, string)> rows)
    {
        var data = new TheoryData<string, string>();
        foreach (var (a, b) in rows) data.Add(a, b);
        return data;
    }

    [Fact]
    public void Every_member_of_both_content_types_is_tried()
    {
        var paths = Members().Select(m => m.Path).ToHashSet();
        Assert.Contains("title", paths);
        Assert.Contains("fields.sideEffects.serious[3]", paths);
        Assert.Contains("fields.approvals[2].url", paths);
        Assert.Contains("fields.references[2].accessed", paths);
        Assert.Contains("fields.indications[1].biomarker", paths);
        Assert.Contains("fields.indications[2].jurisdiction", paths);
        Assert.Contains("fields.tags[1]", paths);
        Assert.Contains("fields.sections[6].body", paths);
        Assert.Contains("fields.relatedDrugs[3]", paths); // the sample article no longer lists olaratumab
        Assert.Equal(29 + 8, Members().Count());
        Assert.Equal(8, Members().Count(m => BadText.IsLongText(m.Path)));
    }

    [Theory]
    [MemberData(nameof(SavedMembers))]
    public async Task Refused_text_in_any_member_of_a_save_is_422_naming_it_and_saves_nothing(string sample, string path)
    {
        var (editor, slug) = await CreateAsync(sample);
        var before = await StateAsync(editor, slug);

        foreach (var (name, text) in BadText.For(path))
            await BadText.AssertRefused(await BadText.PutAsync(editor.Http, slug, BadText.With(FullUpdate(sample), path, text)), path, $"{name} in {path}");

        Assert.Equal(before, await StateAsync(editor, slug));
    }

    [Theory]
    [MemberData(nameof(LongTextMembers))]
    public async Task Long_text_keeps_its_line_breaks_and_tabs(string sample, string path)
    {
        var (editor, slug) = await CreateAsync(sample);
        var response = await BadText.PutAsync(editor.Http, slug, BadText.With(FullUpdate(sample), path, "\n\n\t- a second paragraph\r\n"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\n\n\t- a second paragraph\r\n", await BadText.StoredAsync(editor.Http, slug, path));
    }

    [Theory]
    [MemberData(nameof(SavedMembers))]
    public async Task Every_member_has_a_length_limit(string sample, string path)
    {
        var (editor, slug) = await CreateAsync(sample);
        var before = await StateAsync(editor, slug);
        // Well under the 1 MB body limit, well over the longest member (a section body, 100,000).
        var response = await BadText.PutAsync(editor.Http, slug, BadText.With(FullUpdate(sample), path, new string('x', 150_000)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{path}\"", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await StateAsync(editor, slug));
    }

    [Theory]
    [InlineData("type")]
    [InlineData("slug")]
    [InlineData("title")]
    [InlineData("fields.genericName")]
    [InlineData("fields.approvals[0].url")]
    public async Task Refused_text_in_a_new_item_is_422_naming_it_and_creates_nothing(string path)
    {
        var editor = new ContentClient(await api.ClientAsAsync("editor-1", "editor"));
        var slug = NewSlug(Drug);
        var request = Samples.CreateRequest(Drug, slug);
        var items = await CountsAsync();

        foreach (var (name, text) in BadText.For(longText: false))
            await BadText.AssertRefused(await editor.Http.PostAsync("/api/content", BadText.Content(BadText.With(request, path, text))),
                path, $"{name} in {path}");

        Assert.Equal(HttpStatusCode.NotFound, (await editor.Http.GetAsync($"/api/content/{slug}")).StatusCode);
        Assert.Equal(items, await CountsAsync());
    }

    [Theory]
    [InlineData("changeSummary", true)]
    [InlineData("reason", false)]
    [InlineData("changeClass", false)]
    public async Task Refused_text_in_a_submission_is_422_naming_it_and_the_item_stays_a_draft(string member, bool longText)
    {
        var (editor, slug) = await CreateAsync(Drug);
        var before = await StateAsync(editor, slug);
        var submission = new JsonObject { ["changeSummary"] = "Updated from the SmPC", ["reason"] = "new-evidence", ["changeClass"] = "clinical" };

        foreach (var (name, text) in BadText.For(longText))
            await BadText.AssertRefused(await editor.Http.PostAsync($"/api/content/{slug}/submissions",
                BadText.Content(BadText.With(submission, member, text))), member, $"{name} in {member}");

        Assert.Equal(before, await StateAsync(editor, slug));
        Assert.Equal("draft", (await editor.GetAsync(slug)).GetProperty("status").GetString());
        Assert.DoesNotContain(await api.EventsAsync<ContentSubmittedForReview>(), e => e.Slug == slug);
    }

    [Fact]
    public async Task A_change_summary_keeps_its_line_breaks()
    {
        var (editor, slug) = await CreateAsync(Drug);
        var response = await editor.Http.PostAsJsonAsync($"/api/content/{slug}/submissions",
            new { changeSummary = "Dose table updated.\n\t- 400 mg: unchanged", reason = "new-evidence" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("Dose table updated.\n\t- 400 mg: unchanged",
            (await api.EventsAsync<ContentSubmittedForReview>()).Single(e => e.Slug == slug).ChangeSummary);
    }

    [Fact]
    public async Task Refused_text_in_a_withdrawal_reason_is_422_and_the_item_stays_published()
    {
        var (editor, slug, _) = await api.PublishedAsync("olaratumab");
        var reviewer = await api.ClientAsAsync("pharmacist-1", "reviewer", "Clinical pharmacist");
        var before = await StateAsync(editor, slug);
        var withdrawal = new JsonObject { ["reason"] = "EU marketing authorisation withdrawn in 2019." };

        foreach (var (name, text) in BadText.For(longText: true))
            await BadText.AssertRefused(await reviewer.PostAsync($"/api/content/{slug}/withdrawal",
                BadText.Content(BadText.With(withdrawal, "reason", text))), "reason", $"{name} in reason");

        Assert.Equal(before, await StateAsync(editor, slug));
        Assert.Equal("published", (await editor.GetAsync(slug)).GetProperty("status").GetString());
        Assert.DoesNotContain(await api.EventsAsync<ContentWithdrawn>(), e => e.Slug == slug);

        var accepted = await reviewer.PostAsJsonAsync($"/api/content/{slug}/withdrawal",
            new { reason = "EU marketing authorisation withdrawn in 2019.\n\tThe ANNOUNCE trial showed no benefit." });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.EndsWith("\n\tThe ANNOUNCE trial showed no benefit.", (await api.EventsAsync<ContentWithdrawn>()).Single(e => e.Slug == slug).Reason);
    }

    [Theory]
    [InlineData("{\"title\":\"Imatinib\",\"fields\":{\"genericName\":\"imatinib\",\"\\ud800\":1}}", "fields")]
    [InlineData("{\"title\":\"Imatinib\",\"fields\":{\"indications\":[{\"\\udc00x\":\"GIST\"}],\"genericName\":\"imatinib\"}}", "fields.indications[0]")]
    [InlineData("{\"title\":\"Imatinib\",\"fields\":{\"tags\":[\"a\\ud800\"],\"genericName\":\"imatinib\"}}", "fields.tags[0]")]
    public async Task A_broken_character_in_a_member_name_or_anywhere_in_the_fields_is_422_not_500(string json, string path)
    {
        var (editor, slug) = await CreateAsync(Drug);
        var before = await StateAsync(editor, slug);
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/content/{slug}") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        await BadText.AssertRefused(await editor.Http.SendAsync(request), path, json);
        Assert.Equal(before, await StateAsync(editor, slug));
    }

    [Theory]
    [InlineData("title")]
    [InlineData("fields.genericName")]
    public async Task Invalid_utf8_in_a_member_is_422_naming_it(string path)
    {
        var (editor, slug) = await CreateAsync(Drug);
        var before = await StateAsync(editor, slug);
        var json = BadText.Json(BadText.With(FullUpdate(Drug), path, "INVALID-UTF8"));
        var bytes = Encoding.UTF8.GetBytes(json);
        var at = json.IndexOf("INVALID-UTF8", StringComparison.Ordinal);
        byte[] body = [.. bytes[..at], 0xFF, 0xC3, .. bytes[(at + "INVALID-UTF8".Length)..]];
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/content/{slug}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        await BadText.AssertRefused(await editor.Http.SendAsync(request), path, "invalid UTF-8");
        Assert.Equal(before, await StateAsync(editor, slug));
    }

    [Fact]
    public async Task The_openapi_document_still_describes_the_text_members_as_text()
    {
        var admin = await api.ClientAsAsync("admin-1", "admin");
        var schemas = JsonNode.Parse(await admin.GetStringAsync("/openapi/v1.json"))!["components"]!["schemas"]!;
        foreach (var (schema, member) in new[] { ("CreateContentRequest", "title"), ("SubmitRequest", "changeSummary"), ("WithdrawRequest", "reason") })
            Assert.Contains("\"string\"", schemas[schema]!["properties"]![member]!["type"]!.ToJsonString());
    }

    private async Task<(ContentClient Editor, string Slug)> CreateAsync(string sample)
    {
        var editor = new ContentClient(await api.ClientAsAsync("editor-1", "editor"));
        var slug = NewSlug(sample);
        await editor.CreateAsync(Samples.CreateRequest(sample, slug));
        return (editor, slug);
    }

    private static string NewSlug(string sample) => $"{sample}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>What a refused request must not change: the item, its revisions and audit trail, and the database's row counts.</summary>
    private async Task<string> StateAsync(ContentClient editor, string slug) =>
        (await editor.GetAsync(slug)).GetRawText()
        + await editor.Http.GetStringAsync($"/api/content/{slug}/revisions")
        + await editor.Http.GetStringAsync($"/api/content/{slug}/audit")
        + await CountsAsync();

    private Task<string> CountsAsync() => api.WithDb(async db =>
        $"items {await db.Content.CountAsync()}, revisions {await db.Revisions.CountAsync()}, audit {await db.Audit.CountAsync()}, "
        + $"submissions {await db.Submissions.CountAsync()}, outbox {await db.Set<OutboxMessage>().CountAsync()}");
}
