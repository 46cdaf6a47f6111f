using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Publishing.Authoring.Tests.Api;

/// <summary><c>GET /api/content/{slug}/related</c>: the published items that still present an item.</summary>
public sealed class RelatedContentTests(AuthoringApi api) : IClassFixture<AuthoringApi>
{
    [Fact]
    public async Task Published_items_that_list_name_or_share_a_tag_with_a_drug_are_related_and_nothing_else_is()
    {
        var tag = $"tag-{Guid.NewGuid().ToString("N")[..8]}";
        var drug = await PublishAsync("pazopanib", fields => fields["tags"] = new JsonArray(tag));
        // The sample article names pazopanib in its sections; this copy also lists the drug as related.
        var lists = await PublishAsync("targeted-therapy-soft-tissue-sarcoma", fields => fields["relatedDrugs"] = new JsonArray(drug));
        var tagged = await PublishAsync("targeted-therapy-soft-tissue-sarcoma", fields => Plain(fields, tag));
        var unrelated = await PublishAsync("targeted-therapy-soft-tissue-sarcoma", fields => Plain(fields, "unrelated"));
        var draft = await CreateAsync("targeted-therapy-soft-tissue-sarcoma", fields => fields["relatedDrugs"] = new JsonArray(drug));

        var related = await RelatedAsync(drug);

        var listing = Assert.Single(related, r => r.GetProperty("slug").GetString() == lists);
        Assert.True(listing.GetProperty("listsAsRelatedDrug").GetBoolean());
        var mention = listing.GetProperty("mentions").EnumerateArray().First(m => m.GetProperty("path").GetString()!.StartsWith("sections["));
        Assert.Equal("pazopanib", mention.GetProperty("term").GetString()!.ToLowerInvariant());
        Assert.Contains(mention.GetProperty("term").GetString()!, mention.GetProperty("excerpt").GetString());
        var sharing = Assert.Single(related, r => r.GetProperty("slug").GetString() == tagged);
        Assert.Equal([tag], sharing.GetProperty("sharedTags").EnumerateArray().Select(t => t.GetString()));
        Assert.Empty(sharing.GetProperty("mentions").EnumerateArray());
        Assert.False(sharing.GetProperty("listsAsRelatedDrug").GetBoolean());
        var slugs = related.Select(r => r.GetProperty("slug").GetString()).ToList();
        Assert.DoesNotContain(unrelated, slugs);
        Assert.DoesNotContain(draft, slugs); // not published
        Assert.DoesNotContain(drug, slugs);
        Assert.Equal(lists, slugs[0]); // listing the drug as related comes first

        // Withdrawn, the drug keeps its names, and the same items still present it.
        var reviewer = await api.ClientAsAsync("pharmacist-1", "reviewer", "Clinical pharmacist");
        Assert.Equal(HttpStatusCode.Accepted,
            (await reviewer.PostAsJsonAsync($"/api/content/{drug}/withdrawal", new { reason = "Withdrawn by the licence holder." })).StatusCode);
        var after = (await RelatedAsync(drug)).Select(r => r.GetProperty("slug").GetString()).ToList();
        Assert.Contains(lists, after);
        Assert.Contains(tagged, after);
    }

    [Fact]
    public async Task An_unknown_or_malformed_slug_is_a_404_or_400()
    {
        var editor = await api.ClientAsAsync("editor-1", "editor");
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync("/api/content/no-such-item/related")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await editor.GetAsync("/api/content/Not_A_Slug/related")).StatusCode);
    }

    /// <summary>An article that names no drug, with one tag.</summary>
    private static void Plain(JsonObject fields, string tag)
    {
        fields["title"] = "Living with sarcoma";
        fields["summary"] = "Where to find support during and after treatment.";
        fields["sections"] = new JsonArray(new JsonObject { ["heading"] = "Support", ["body"] = "Your specialist nurse can put you in touch with local groups." });
        fields["relatedDrugs"] = new JsonArray();
        fields["tags"] = new JsonArray(tag);
    }

    private async Task<string> CreateAsync(string sample, Action<JsonObject> change)
    {
        var editor = new ContentClient(await api.ClientAsAsync("editor-1", "editor"));
        var slug = $"{sample.Split('-')[0]}-{Guid.NewGuid().ToString("N")[..8]}";
        var request = Samples.CreateRequest(sample, slug);
        change(Samples.Fields(request));
        if (Samples.Fields(request)["title"] is JsonValue title) request["title"] = title.GetValue<string>();
        await editor.CreateAsync(request);
        return slug;
    }

    private async Task<string> PublishAsync(string sample, Action<JsonObject> change)
    {
        var slug = await CreateAsync(sample, change);
        var editor = new ContentClient(await api.ClientAsAsync("editor-1", "editor"));
        var submitted = await editor.SubmitOkAsync(slug);
        await api.ApproveAsync(submitted, slug, 1);
        await Publications.Until(editor, slug, "published");
        return slug;
    }

    private async Task<List<JsonElement>> RelatedAsync(string slug)
    {
        var editor = await api.ClientAsAsync("editor-1", "editor");
        var response = await editor.GetAsync($"/api/content/{slug}/related");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
    }
}
