using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Publishing.Authoring.Tests.Api;

/// <summary>A save over someone else's newer revision, merged field by field from the revision it started from.</summary>
public sealed class MergeTests(AuthoringApi api) : IClassFixture<AuthoringApi>
{
    private async Task<(ContentClient First, ContentClient Second, string Slug, JsonObject Request)> TwoEditorsAsync(string sample)
    {
        var first = new ContentClient(await api.ClientAsAsync("editor-1", "editor"));
        var second = new ContentClient(await api.ClientAsAsync("editor-2", "editor"));
        var slug = $"{sample}-{Guid.NewGuid().ToString("N")[..8]}";
        var request = Samples.CreateRequest(sample, slug);
        await first.CreateAsync(request);
        return (first, second, slug, request);
    }

    private static JsonObject Merging(JsonObject update, JsonObject? resolutions = null)
    {
        update["merge"] = true;
        if (resolutions is not null) update["resolutions"] = resolutions;
        return update;
    }

    [Fact]
    public async Task Edits_to_different_fields_from_the_same_revision_both_survive()
    {
        var (first, second, slug, request) = await TwoEditorsAsync("sunitinib");
        var mine = Samples.UpdateRequest(request);
        Samples.Fields(mine)["evidenceNotes"] = "Evidence reviewed again in 2026; no change to the conclusions.";
        Assert.Equal(HttpStatusCode.OK, (await first.PutAsync(slug, mine, "\"1\"")).StatusCode);

        var theirs = Samples.UpdateRequest(request);
        Samples.Fields(theirs)["sideEffects"]!["contactTeamIf"] = "Call the 24-hour oncology line at once if you have a temperature of 38°C or above.";
        Samples.Fields(theirs)["sideEffects"]!["common"]!.AsArray().Add("swelling around the eyes");
        var response = await second.PutAsync(slug, Merging(theirs), "\"1\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"3\"", response.Headers.ETag?.Tag);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        var merge = answer.GetProperty("merge");
        Assert.Equal(1, merge.GetProperty("baseRevision").GetInt32());
        Assert.Equal(2, merge.GetProperty("theirRevision").GetInt32());
        Assert.Equal(["Test editor-1"], merge.GetProperty("theirAuthors").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(["fields.evidenceNotes"], merge.GetProperty("keptTheirs").EnumerateArray().Select(a => a.GetString()));

        var fields = (await first.GetAsync(slug)).GetProperty("fields");
        Assert.Equal("Evidence reviewed again in 2026; no change to the conclusions.", fields.GetProperty("evidenceNotes").GetString());
        Assert.StartsWith("Call the 24-hour oncology line", fields.GetProperty("sideEffects").GetProperty("contactTeamIf").GetString());
        Assert.Contains("swelling around the eyes", fields.GetProperty("sideEffects").GetProperty("common").EnumerateArray().Select(e => e.GetString()));
        var audit = await first.Http.GetFromJsonAsync<JsonElement>($"/api/content/{slug}/audit");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("revision").GetInt32() == 3
            && e.GetProperty("detail").GetString()!.Contains("kept their changes to fields.evidenceNotes"));
    }

    [Fact]
    public async Task A_field_both_changed_is_asked_about_and_replacing_their_safety_change_is_said_aloud()
    {
        var (first, second, slug, request) = await TwoEditorsAsync("regorafenib");
        var mine = Samples.UpdateRequest(request);
        Samples.Fields(mine)["administration"]!["foodAdvice"] = "Take the tablets after a light, low-fat meal.";
        Assert.Equal(HttpStatusCode.OK, (await first.PutAsync(slug, mine, "\"1\"")).StatusCode);

        var theirs = Samples.UpdateRequest(request);
        Samples.Fields(theirs)["administration"]!["foodAdvice"] = "Take the tablets with food.";
        Samples.Fields(theirs)["mechanism"] = "Blocks several kinases that feed the tumour and its blood supply.";
        var asked = await second.PutAsync(slug, Merging(theirs), "\"1\"");

        Assert.Equal(HttpStatusCode.Conflict, asked.StatusCode);
        var problem = await asked.Content.ReadFromJsonAsync<JsonElement>();
        var conflict = Assert.Single(problem.GetProperty("conflicts").EnumerateArray());
        Assert.Equal("fields.administration.foodAdvice", conflict.GetProperty("path").GetString());
        Assert.Equal("safety", conflict.GetProperty("changeClass").GetString());
        Assert.Equal("\"Take the tablets after a light, low-fat meal.\"", conflict.GetProperty("theirs").GetString());
        Assert.Equal("\"Take the tablets with food.\"", conflict.GetProperty("mine").GetString());
        Assert.Equal(2, problem.GetProperty("currentRevision").GetInt32());
        Assert.Contains("safety", problem.GetProperty("detail").GetString());
        Assert.Equal(2, (await first.GetAsync(slug)).GetProperty("revision").GetInt32()); // nothing saved

        var resolved = await second.PutAsync(slug,
            Merging(theirs, new JsonObject { ["fields.administration.foodAdvice"] = "mine" }), "\"1\"");

        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        var answer = await resolved.Content.ReadFromJsonAsync<JsonElement>();
        var choice = Assert.Single(answer.GetProperty("merge").GetProperty("choices").EnumerateArray());
        Assert.Equal("mine", choice.GetProperty("choice").GetString());
        Assert.Equal("safety", choice.GetProperty("changeClass").GetString());
        var fields = (await first.GetAsync(slug)).GetProperty("fields");
        Assert.Equal("Take the tablets with food.", fields.GetProperty("administration").GetProperty("foodAdvice").GetString());
        Assert.StartsWith("Blocks several kinases", fields.GetProperty("mechanism").GetString());
        var audit = await first.Http.GetFromJsonAsync<JsonElement>($"/api/content/{slug}/audit");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("revision").GetInt32() == 3
            && e.GetProperty("detail").GetString()!.Contains("replaced their safety change to fields.administration.foodAdvice"));
    }

    [Fact]
    public async Task Keeping_theirs_for_the_only_field_both_changed_makes_no_revision()
    {
        var (first, second, slug, request) = await TwoEditorsAsync("imatinib");
        var mine = Samples.UpdateRequest(request);
        Samples.Fields(mine)["administration"]!["foodAdvice"] = "Take it with a meal and a large glass of water.";
        await first.PutAsync(slug, mine, "\"1\"");
        var theirs = Samples.UpdateRequest(request);
        Samples.Fields(theirs)["administration"]!["foodAdvice"] = "Take it with food.";

        var response = await second.PutAsync(slug, Merging(theirs, new JsonObject { ["fields.administration.foodAdvice"] = "theirs" }), "\"1\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(answer.GetProperty("saved").GetBoolean());
        Assert.Equal(2, answer.GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task Without_merge_a_stale_save_is_still_412_and_a_bad_resolution_is_400()
    {
        var (first, second, slug, request) = await TwoEditorsAsync("pazopanib");
        await first.PutAsync(slug, Samples.UpdateRequest(request).Also(u => Samples.Fields(u)["evidenceNotes"] = "New notes."), "\"1\"");

        Assert.Equal(HttpStatusCode.PreconditionFailed, (await second.PutAsync(slug, Samples.UpdateRequest(request), "\"1\"")).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await second.PutAsync(slug, Merging(Samples.UpdateRequest(request)), "\"9\"")).StatusCode);
        var bad = await second.PutAsync(slug, Merging(Samples.UpdateRequest(request), new JsonObject { ["fields.evidenceNotes"] = "both" }), "\"1\"");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(2, (await first.GetAsync(slug)).GetProperty("revision").GetInt32());
    }
}

internal static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject o, Action<JsonObject> change)
    {
        change(o);
        return o;
    }
}
