using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Publishing.Authoring.Tests.Api;

/// <summary>Every kind of bad request gets its 4xx problem and leaves the data exactly as it was.</summary>
public sealed class BadInputTests(AuthoringApi api) : IClassFixture<AuthoringApi>
{
    private async Task<(ContentClient Editor, string Slug, string Before)> SeededAsync()
    {
        var editor = new ContentClient(await api.ClientAsAsync("editor-1", "editor"));
        var slug = "imatinib-" + Guid.NewGuid().ToString("N")[..8];
        await editor.CreateAsync(Samples.CreateRequest("imatinib", slug));
        return (editor, slug, await Snapshot(editor, slug));
    }

    private static async Task<string> Snapshot(ContentClient editor, string slug) =>
        (await editor.GetAsync(slug)).GetRawText() + (await editor.Http.GetStringAsync($"/api/content/{slug}/revisions"));

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string? errorKey = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        if (errorKey is not null)
            Assert.True(problem.GetProperty("errors").TryGetProperty(errorKey, out _),
                $"expected an error for '{errorKey}' in {problem.GetProperty("errors")}");
    }

    public static TheoryData<string, string> MalformedBodies => new()
    {
        { "truncated JSON", "{\"title\": \"Imatinib\", \"fields\": {" },
        { "not JSON at all", "imatinib, please" },
        { "fields of the wrong type", "{\"title\": \"Imatinib\", \"fields\": \"everything\"}" },
        { "title of the wrong type", "{\"title\": 42, \"fields\": {}}" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task A_malformed_save_is_a_400_problem_and_changes_nothing(string why, string body)
    {
        var (editor, slug, before) = await SeededAsync();
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/content/{slug}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        await AssertProblem(await editor.Http.SendAsync(request), HttpStatusCode.BadRequest);
        Assert.True(before == await Snapshot(editor, slug), why);
    }

    [Fact]
    public async Task An_unknown_type_is_a_400_naming_the_field()
    {
        var editor = new ContentClient(await api.ClientAsAsync("editor-1", "editor"));
        var request = Samples.CreateRequest("imatinib", "unknown-type");
        request["type"] = "podcast";
        await AssertProblem(await editor.Http.PostAsync("/api/content", ContentClient.Body(request)), HttpStatusCode.BadRequest, "type");
        Assert.Equal(HttpStatusCode.NotFound, (await editor.Http.GetAsync("/api/content/unknown-type")).StatusCode);
    }

    [Theory]
    [InlineData("Imatinib")]
    [InlineData("imatinib--mesylate")]
    [InlineData("-imatinib")]
    [InlineData("imatinib_400")]
    public async Task An_invalid_slug_is_refused_on_create(string slug)
    {
        var editor = new ContentClient(await api.ClientAsAsync("editor-1", "editor"));
        var request = Samples.CreateRequest("imatinib", slug);
        await AssertProblem(await editor.Http.PostAsync("/api/content", ContentClient.Body(request)), HttpStatusCode.BadRequest, "slug");
    }

    [Fact]
    public async Task An_invalid_or_unknown_slug_in_the_route_is_400_or_404()
    {
        var editor = new ContentClient(await api.ClientAsAsync("editor-1", "editor"));
        await AssertProblem(await editor.Http.GetAsync("/api/content/Not_A_Slug"), HttpStatusCode.BadRequest);
        await AssertProblem(await editor.Http.GetAsync("/api/content/no-such-drug"), HttpStatusCode.NotFound);
        await AssertProblem(await editor.SubmitAsync("no-such-drug"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_body_over_one_megabyte_is_413_and_changes_nothing()
    {
        var (editor, slug, before) = await SeededAsync();
        var update = Samples.UpdateRequest(Samples.CreateRequest("imatinib", slug));
        Samples.Fields(update)["evidenceNotes"] = new string('x', 1_100_000);
        await AssertProblem(await editor.PutAsync(slug, update, "\"1\""), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await Snapshot(editor, slug));
    }

    [Fact]
    public async Task A_save_without_if_match_is_428_and_a_stale_one_412()
    {
        var (editor, slug, before) = await SeededAsync();
        var update = Samples.UpdateRequest(Samples.CreateRequest("imatinib", slug));
        await AssertProblem(await editor.PutAsync(slug, update, null), (HttpStatusCode)428);
        await AssertProblem(await editor.PutAsync(slug, update, "\"7\""), HttpStatusCode.PreconditionFailed);
        Assert.Equal(before, await Snapshot(editor, slug));
    }

    [Fact]
    public async Task No_token_is_401_and_the_wrong_role_403()
    {
        var (editor, slug, before) = await SeededAsync();
        var update = Samples.UpdateRequest(Samples.CreateRequest("imatinib", slug));
        var anonymous = api.CreateClient();
        var reviewer = new ContentClient(await api.ClientAsAsync("reviewer-1", "reviewer", "Clinical pharmacist"));

        await AssertProblem(await anonymous.GetAsync($"/api/content/{slug}"), HttpStatusCode.Unauthorized);
        await AssertProblem(await anonymous.PostAsync("/api/content", ContentClient.Body(Samples.CreateRequest("imatinib", "anon"))), HttpStatusCode.Unauthorized);
        await AssertProblem(await reviewer.PutAsync(slug, update, "\"1\""), HttpStatusCode.Forbidden);
        await AssertProblem(await reviewer.SubmitAsync(slug), HttpStatusCode.Forbidden);
        await AssertProblem(await editor.Http.PostAsJsonAsync($"/api/content/{slug}/withdrawal", new { reason = "x" }), HttpStatusCode.Forbidden);
        Assert.Equal(before, await Snapshot(editor, slug));
    }

    [Fact]
    public async Task A_bad_submission_is_refused_and_the_item_stays_a_draft()
    {
        var (editor, slug, before) = await SeededAsync();
        var response = await editor.Http.PostAsJsonAsync($"/api/content/{slug}/submissions",
            new { changeSummary = "", reason = "because", changeClass = "urgent" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var key in new[] { "changeSummary", "reason", "changeClass" })
            Assert.True(errors.TryGetProperty(key, out _), key);
        Assert.Equal(before, await Snapshot(editor, slug));
    }

    [Fact]
    public async Task Oversized_strings_are_refused_naming_the_field()
    {
        var (editor, slug, before) = await SeededAsync();
        var update = Samples.UpdateRequest(Samples.CreateRequest("imatinib", slug));
        update["title"] = new string('T', 301);
        await AssertProblem(await editor.PutAsync(slug, update, "\"1\""), HttpStatusCode.BadRequest, "title");
        Assert.Equal(before, await Snapshot(editor, slug));
    }

    [Fact]
    public async Task A_bad_revision_number_or_diff_range_is_a_4xx()
    {
        var (editor, slug, _) = await SeededAsync();
        await AssertProblem(await editor.Http.GetAsync($"/api/content/{slug}/revisions/9"), HttpStatusCode.NotFound);
        await AssertProblem(await editor.Http.GetAsync($"/api/content/{slug}/diff?from=0&to=5"), HttpStatusCode.BadRequest, "to");
        await AssertProblem(await editor.Http.GetAsync($"/api/content/{slug}/diff?from=abc"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Unknown_fields_and_enum_values_inside_fields_are_refused_naming_the_path()
    {
        var (editor, slug, before) = await SeededAsync();
        var update = Samples.UpdateRequest(Samples.CreateRequest("imatinib", slug));
        Samples.Fields(update)["approvals"]!.AsArray()[0]!["decision"] = "approved-ish";
        Samples.Fields(update)["colour"] = "blue";
        var response = await editor.PutAsync(slug, update, "\"1\"");
        await AssertProblem(response, HttpStatusCode.BadRequest, "fields.approvals[0].decision");
        Assert.Equal(before, await Snapshot(editor, slug));

        Samples.Fields(update).Remove("genericName");
        await AssertProblem(await editor.PutAsync(slug, update, "\"1\""), HttpStatusCode.BadRequest, "fields.genericName");
    }
}
