using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Tests.Api;
using Publishing.Messaging.Outbox;
using Xunit;

namespace Publishing.Authoring.Tests.Previews;

/// <summary>A revision in review shared through a link: what the reader gets, until when, and what it leaves behind.</summary>
public sealed class PreviewLinkTests(AuthoringApi api) : IClassFixture<AuthoringApi>
{
    /// <summary>Imatinib under a fresh slug, submitted: revision 1 in review.</summary>
    private async Task<(ContentClient Editor, string Slug)> InReviewAsync()
    {
        var editor = new ContentClient(await api.ClientAsAsync("editor-1", "editor"));
        var slug = "imatinib-" + Guid.NewGuid().ToString("N")[..8];
        await editor.CreateAsync(Samples.CreateRequest("imatinib", slug));
        await editor.SubmitOkAsync(slug);
        return (editor, slug);
    }

    private static async Task<JsonElement> ShareAsync(HttpClient staff, string slug, object? body = null)
    {
        var response = await staff.PostAsJsonAsync($"/api/content/{slug}/previews", body ?? new { expiresIn = "PT2H" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<HttpResponseMessage> OpenAsync(string token) => api.CreateClient().GetAsync($"/api/previews/{token}");

    private async Task<List<JsonElement>> AuditAsync(ContentClient editor, string slug) =>
        (await editor.Http.GetFromJsonAsync<JsonElement>($"/api/content/{slug}/audit")).EnumerateArray().ToList();

    [Fact]
    public async Task An_anonymous_reader_gets_the_revision_in_the_published_shape_privately_and_each_use_is_audited()
    {
        var (editor, slug) = await InReviewAsync();
        var link = await ShareAsync(editor.Http, slug);
        var token = link.GetProperty("token").GetString()!;
        Assert.Equal(1, link.GetProperty("revision").GetInt32());
        Assert.Equal($"/preview/{token}", link.GetProperty("path").GetString());

        var first = await OpenAsync(token);
        var second = await OpenAsync(token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.True(first.Headers.CacheControl?.NoStore);
        Assert.Contains("noindex", first.Headers.GetValues("X-Robots-Tag").Single());
        Assert.Equal("no-referrer", first.Headers.GetValues("Referrer-Policy").Single());
        var doc = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(slug, doc.GetProperty("slug").GetString());
        Assert.Equal("Imatinib (Glivec)", doc.GetProperty("title").GetString());
        Assert.Equal(1, doc.GetProperty("revision").GetInt32());
        Assert.Equal("imatinib", doc.GetProperty("fields").GetProperty("genericName").GetString());
        Assert.Equal(1, doc.GetProperty("preview").GetProperty("revision").GetInt32());
        Assert.Equal(link.GetProperty("expiresAt").GetDateTimeOffset(), doc.GetProperty("preview").GetProperty("expiresAt").GetDateTimeOffset());
        // Every member of GET /api/published/{slug}, so a subscriber site renders it with the code it already has.
        foreach (var member in new[] { "type", "tags", "dates", "approvals", "attribution", "changeClass", "contentHash", "sample" })
            Assert.True(doc.TryGetProperty(member, out _), $"the preview has no '{member}'");

        var linkId = link.GetProperty("id").GetString()!;
        var uses = (await AuditAsync(editor, slug)).Where(a => a.GetProperty("action").GetString() == "preview-opened").ToList();
        Assert.Equal(2, uses.Count);
        Assert.All(uses, u => Assert.Contains(linkId, u.GetProperty("detail").GetString()));
        Assert.DoesNotContain(token, (await AuditAsync(editor, slug)).Select(a => a.GetRawText()).Aggregate(string.Concat));
    }

    [Fact]
    public async Task The_token_is_shown_once_and_stored_only_as_a_hash()
    {
        var (editor, slug) = await InReviewAsync();
        var token = (await ShareAsync(editor.Http, slug)).GetProperty("token").GetString()!;

        var list = await editor.Http.GetStringAsync($"/api/content/{slug}/previews");
        Assert.DoesNotContain(token, list);
        Assert.Contains("\"state\":\"active\"", list);
        var stored = await api.WithDb(db => db.PreviewLinks.AsNoTracking().ToListAsync());
        Assert.DoesNotContain(stored, l => l.TokenHash.Contains(token[3..]) || token.Contains(l.TokenHash));
    }

    [Fact]
    public async Task A_revoked_link_is_gone_and_only_its_own_item_can_revoke_it()
    {
        var (editor, slug) = await InReviewAsync();
        var (_, other) = await InReviewAsync();
        var link = await ShareAsync(editor.Http, slug);
        var (id, token) = (link.GetProperty("id").GetString(), link.GetProperty("token").GetString()!);

        Assert.Equal(HttpStatusCode.NotFound, (await editor.Http.DeleteAsync($"/api/content/{other}/previews/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await OpenAsync(token)).StatusCode);

        var reviewer = await api.ClientAsAsync("pharmacist-1", "reviewer", "Clinical pharmacist");
        Assert.Equal(HttpStatusCode.NoContent, (await reviewer.DeleteAsync($"/api/content/{slug}/previews/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await reviewer.DeleteAsync($"/api/content/{slug}/previews/{id}")).StatusCode);

        var gone = await OpenAsync(token);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.DoesNotContain(slug, await gone.Content.ReadAsStringAsync());
        Assert.Contains("\"state\":\"revoked\"", await editor.Http.GetStringAsync($"/api/content/{slug}/previews"));
        Assert.Single(await AuditAsync(editor, slug), a => a.GetProperty("action").GetString() == "preview-revoked");
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("invented")]
    [InlineData("garbage")]
    public async Task An_unknown_or_tampered_token_is_404_and_names_nothing(string kind)
    {
        var (editor, slug) = await InReviewAsync();
        var token = (await ShareAsync(editor.Http, slug)).GetProperty("token").GetString()!;
        var tried = kind switch
        {
            "tampered" => token[..^1] + (token[^1] == 'A' ? 'B' : 'A'),
            "invented" => "pv_" + Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
            _ => "not a token at all",
        };

        var response = await OpenAsync(Uri.EscapeDataString(tried));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(slug, await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.DoesNotContain(await AuditAsync(editor, slug), a => a.GetProperty("action").GetString() == "preview-opened");
    }

    [Fact]
    public async Task A_recalled_revision_stops_showing_and_a_draft_cannot_be_shared()
    {
        var (editor, slug) = await InReviewAsync();
        var token = (await ShareAsync(editor.Http, slug)).GetProperty("token").GetString()!;
        var reviewId = (await editor.GetAsync(slug)).GetProperty("openReviewId").GetString();

        Assert.Equal(HttpStatusCode.OK, (await editor.Http.PostAsync($"/api/content/{slug}/submissions/{reviewId}/recall", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Gone, (await OpenAsync(token)).StatusCode);
        var refused = await editor.Http.PostAsJsonAsync($"/api/content/{slug}/previews", new { expiresIn = "PT2H" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
    }

    [Theory]
    [InlineData("PT30M")]
    [InlineData("P31D")]
    [InlineData("a week")]
    [InlineData("-PT2H")]
    public async Task An_expiry_outside_one_hour_to_thirty_days_is_refused(string expiresIn)
    {
        var (editor, slug) = await InReviewAsync();

        var response = await editor.Http.PostAsJsonAsync($"/api/content/{slug}/previews", new { expiresIn });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("[]", await editor.Http.GetStringAsync($"/api/content/{slug}/previews"));
    }

    [Fact]
    public async Task Only_editors_and_reviewers_share_and_list_links()
    {
        var (_, slug) = await InReviewAsync();
        var admin = await api.ClientAsAsync("admin-1", "admin");

        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsJsonAsync($"/api/content/{slug}/previews", new { expiresIn = "PT2H" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().GetAsync($"/api/content/{slug}/previews")).StatusCode);
    }

    [Fact]
    public async Task Sharing_and_opening_a_preview_send_nothing_to_search_the_feed_or_webhooks()
    {
        var (editor, slug) = await InReviewAsync();
        var last = await api.WithDb(db => db.Set<OutboxMessage>().MaxAsync(m => (long?)m.Sequence)) ?? 0;

        var token = (await ShareAsync(editor.Http, slug)).GetProperty("token").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await OpenAsync(token)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent,
            (await editor.Http.DeleteAsync($"/api/content/{slug}/previews/{(await editor.Http.GetFromJsonAsync<JsonElement>($"/api/content/{slug}/previews"))[0].GetProperty("id").GetString()}")).StatusCode);

        // Search, the change feed and webhooks hear of content only through Authoring's outbox.
        Assert.False(await api.WithDb(db => db.Set<OutboxMessage>().AnyAsync(m => m.Sequence > last)));
    }
}
