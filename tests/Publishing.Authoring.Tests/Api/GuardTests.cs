using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Publishing.Authoring.Tests.Api;

/// <summary>The guards' warnings in the save and submit answers, stored with the submission for the reviewers.</summary>
public sealed class GuardTests(AuthoringApi api) : IClassFixture<AuthoringApi>
{
    private static IEnumerable<JsonElement> Warnings(JsonElement answer) => answer.GetProperty("warnings").EnumerateArray();

    private static string[] Codes(JsonElement answer) => Warnings(answer).Select(w => w.GetProperty("code").GetString()!).ToArray();

    [Fact]
    public async Task A_near_duplicate_serious_side_effect_is_warned_of_at_save_and_submit_and_kept_for_the_reviewers()
    {
        var (editor, slug, request) = await api.PublishedAsync("regorafenib");
        var update = Samples.UpdateRequest(request);
        Samples.Fields(update)["sideEffects"]!["serious"]!.AsArray().Add("bowel perforation");

        var saved = await editor.PutAsync(slug, update, "\"1\"");

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var answer = await saved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(answer.GetProperty("saved").GetBoolean());
        Assert.Equal("safety", answer.GetProperty("changeClass").GetString());
        Assert.Equal(["sideEffects.serious"], answer.GetProperty("changeReasons").EnumerateArray().Select(r => r.GetString()));
        var duplicate = Warnings(answer).Single(w => w.GetProperty("code").GetString() == "near-duplicate");
        Assert.Contains("a tear (perforation)", duplicate.GetProperty("message").GetString());
        Assert.Equal(["fields.sideEffects.serious[4]", "fields.sideEffects.serious[2]"],
            duplicate.GetProperty("paths").EnumerateArray().Select(p => p.GetString()));

        // Saving is allowed, and so is submitting: the warnings travel with the submission.
        var submitted = await editor.SubmitOkAsync(slug, reason: "safety");
        Assert.Contains("near-duplicate", Codes(submitted));
        var reviewId = submitted.GetProperty("reviewId").GetGuid();
        var stored = await editor.Http.GetFromJsonAsync<JsonElement>($"/api/content/{slug}/submissions/{reviewId}");
        Assert.Equal("pending", stored.GetProperty("status").GetString());
        Assert.Equal(Codes(submitted), Codes(stored));
    }

    [Fact]
    public async Task A_safety_change_with_no_reference_touched_is_warned_of_and_updating_a_reference_clears_it()
    {
        var (editor, slug, request) = await api.PublishedAsync("imatinib");
        var update = Samples.UpdateRequest(request);
        var dose = Samples.Fields(update)["administration"]!["dose"]!.GetValue<string>();
        Samples.Fields(update)["administration"]!["dose"] = dose + " The dose may be raised to 600 mg if the disease progresses.";

        var answer = await (await editor.PutAsync(slug, update, "\"1\"")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Contains("dose-without-reference", Codes(answer));
        Assert.Contains("no-reference-for-change", Codes(answer));
        Assert.Equal(["fields.administration.dose"],
            Warnings(answer).Single(w => w.GetProperty("code").GetString() == "dose-without-reference").GetProperty("paths").EnumerateArray().Select(p => p.GetString()));

        // The editor checked the dose against the first reference and says so by updating its accessed date.
        Samples.Fields(update)["references"]![0]!["accessed"] = DateTime.UtcNow.ToString("yyyy-MM-dd");
        var again = await (await editor.PutAsync(slug, update, "\"2\"")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.DoesNotContain("dose-without-reference", Codes(again));
        Assert.DoesNotContain("no-reference-for-change", Codes(again));
    }

    [Fact]
    public async Task New_text_naming_a_withdrawn_drug_is_warned_of_and_text_already_published_is_not()
    {
        // A withdrawn entry, under a name of its own so other tests' items do not answer to it.
        var (_, withdrawnSlug, _) = await api.PublishedAsync("olaratumab");
        var reviewer = await api.ClientAsAsync("reviewer-1", "reviewer", "Clinical pharmacist");
        var withdrawn = await reviewer.PostAsJsonAsync($"/api/content/{withdrawnSlug}/withdrawal", new { reason = "Licence revoked." });
        Assert.Equal(HttpStatusCode.Accepted, withdrawn.StatusCode);

        var (editor, slug, request) = await api.PublishedAsync("pazopanib");
        var update = Samples.UpdateRequest(request);
        Samples.Fields(update)["evidenceNotes"] = $"Unlike {withdrawnSlug}, pazopanib keeps its licence.";
        var answer = await (await editor.PutAsync(slug, update, "\"1\"")).Content.ReadFromJsonAsync<JsonElement>();
        var warning = Warnings(answer).Single(w => w.GetProperty("code").GetString() == "withdrawn-drug");
        Assert.Contains("withdrawn", warning.GetProperty("message").GetString());
        Assert.Equal(["fields.evidenceNotes"], warning.GetProperty("paths").EnumerateArray().Select(p => p.GetString()));

        // Once that text is published, another edit elsewhere is not warned of it again.
        await api.ApproveAsync(await editor.SubmitOkAsync(slug), slug, 2);
        await Publications.Until(editor, slug, "published");
        Samples.Fields(update)["mechanism"] = "Blocks the VEGF receptors and other kinases that feed the tumour's blood supply.";
        var later = await (await editor.PutAsync(slug, update, "\"2\"")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.DoesNotContain("withdrawn-drug", Codes(later));
    }

    [Fact]
    public async Task An_editorial_change_has_no_warnings()
    {
        var (editor, slug, request) = await api.PublishedAsync("sunitinib");
        var update = Samples.UpdateRequest(request);
        Samples.Fields(update)["tags"] = new JsonArray("gist");
        var answer = await (await editor.PutAsync(slug, update, "\"1\"")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("editorial", answer.GetProperty("changeClass").GetString());
        Assert.Empty(Warnings(answer));
    }
}
