using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Publishing.Authoring.Tests.Api;
using Publishing.Contracts;
using Xunit;

namespace Publishing.Authoring.Tests.GoLive;

/// <summary>Go-live times that cannot be one, and withdrawals, which are never scheduled: refused, and nothing changes.</summary>
public sealed class GoLiveRefusalTests : IDisposable
{
    private readonly GoLiveApi _api = new(GoLiveApi.NewClock());

    private DateTimeOffset Now => _api.Clock.GetUtcNow();

    public static TheoryData<string> Unacceptable() => new()
    {
        "past", "now", "too-far", "2027-03-01T09:00:00", "2027-03-01", "next tuesday", "2027-13-01T09:00:00Z",
    };

    private string Text(string kind) => kind switch
    {
        "past" => Now.AddMinutes(-1).ToString("O"),
        "now" => Now.ToString("O"),
        "too-far" => Now.AddDays(367).ToString("O"),
        _ => kind,
    };

    [Theory]
    [MemberData(nameof(Unacceptable))]
    public async Task A_submission_with_an_unacceptable_go_live_time_is_422_and_stays_a_draft(string kind)
    {
        var editor = new ContentClient(await _api.ClientAsAsync("editor-1", "editor"));
        var slug = $"imatinib-{Guid.NewGuid().ToString("N")[..8]}";
        await editor.CreateAsync(Samples.CreateRequest("imatinib", slug));

        var response = await editor.Http.PostAsJsonAsync($"/api/content/{slug}/submissions",
            new { changeSummary = "Embargoed", reason = "regulatory", publishAt = Text(kind) });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("publishAt", out _));
        Assert.Equal("draft", (await editor.GetAsync(slug)).GetProperty("status").GetString());
        Assert.DoesNotContain(await _api.EventsAsync<ContentSubmittedForReview>(), e => e.Slug == slug);
    }

    [Theory]
    [MemberData(nameof(Unacceptable))]
    public async Task Rescheduling_to_an_unacceptable_time_is_422_and_keeps_the_time(string kind)
    {
        var publishAt = Now.AddHours(1);
        var (editor, slug) = await _api.ScheduledAsync(publishAt);

        var response = await editor.Http.PutAsJsonAsync($"/api/content/{slug}/schedule", new { publishAt = Text(kind) });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var item = await editor.GetAsync(slug);
        Assert.Equal(("scheduled", publishAt), (item.GetProperty("status").GetString(), item.GetProperty("publishAt").GetDateTimeOffset()));
    }

    [Fact]
    public async Task Only_an_approved_unpublished_revision_has_a_schedule_and_only_editors_change_it()
    {
        var (editor, slug, _) = await _api.SubmittedAsync(null);
        var at = new { publishAt = Now.AddHours(1).ToString("O") };

        Assert.Equal(HttpStatusCode.Conflict, (await editor.Http.PutAsJsonAsync($"/api/content/{slug}/schedule", at)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await editor.Http.DeleteAsync($"/api/content/{slug}/schedule")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await editor.Http.PostAsync($"/api/content/{slug}/publication", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.Http.PutAsJsonAsync("/api/content/no-such-item/schedule", at)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await editor.Http.PutAsJsonAsync("/api/content/Not_A_Slug/schedule", at)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await editor.Http.PutAsJsonAsync($"/api/content/{slug}/schedule", new { })).StatusCode);
        var wrongType = await editor.Http.PutAsync($"/api/content/{slug}/schedule", ContentClient.Body(new System.Text.Json.Nodes.JsonObject { ["publishAt"] = 5 }));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);

        var (_, scheduled) = await _api.ScheduledAsync(Now.AddHours(1));
        var reviewer = await _api.ClientAsAsync("pharmacist-1", "reviewer", "Clinical pharmacist");
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.DeleteAsync($"/api/content/{scheduled}/schedule")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PostAsync($"/api/content/{scheduled}/publication", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.CreateClient().PutAsJsonAsync($"/api/content/{scheduled}/schedule", at)).StatusCode);
        Assert.Equal("scheduled", (await editor.GetAsync(scheduled)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_withdrawal_is_never_scheduled_and_cancels_a_newer_revision_s_go_live_time()
    {
        var (editor, slug, request) = await _api.PublishedAsyncOnClock();
        var reviewer = await _api.ClientAsAsync("pharmacist-1", "reviewer", "Clinical pharmacist");

        var scheduledWithdrawal = await reviewer.PostAsJsonAsync($"/api/content/{slug}/withdrawal",
            new { reason = "EU authorisation withdrawn.", publishAt = Now.AddHours(1).ToString("O") });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, scheduledWithdrawal.StatusCode);
        Assert.True((await scheduledWithdrawal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("publishAt", out _));
        Assert.Equal("published", (await editor.GetAsync(slug)).GetProperty("status").GetString());
        Assert.DoesNotContain(await _api.EventsAsync<ContentWithdrawn>(), e => e.Slug == slug);

        // Revision 2 is approved for an hour from now; then the live revision 1 is withdrawn.
        var update = Samples.UpdateRequest(request);
        Samples.Fields(update)["evidenceNotes"] = "Updated evidence notes.";
        Assert.Equal(HttpStatusCode.OK, (await editor.PutAsync(slug, update, "\"1\"")).StatusCode);
        var submitted = await (await editor.Http.PostAsJsonAsync($"/api/content/{slug}/submissions",
            new { changeSummary = "Notes", reason = "new-evidence", publishAt = Now.AddHours(1).ToString("O") })).Content.ReadFromJsonAsync<JsonElement>();
        await _api.ApproveAsync(submitted, slug, 2);
        await Publications.Until(editor, slug, "scheduled");

        Assert.Equal(HttpStatusCode.Accepted, (await reviewer.PostAsJsonAsync($"/api/content/{slug}/withdrawal",
            new { reason = "EU authorisation withdrawn." })).StatusCode);

        var item = await editor.GetAsync(slug);
        Assert.Equal(("approved", JsonValueKind.Null, JsonValueKind.Null),
            (item.GetProperty("status").GetString(), item.GetProperty("publishAt").ValueKind, item.GetProperty("publishedRevision").ValueKind));
        _api.Clock.Advance(TimeSpan.FromHours(2));
        await _api.PassAsync();
        Assert.Equal("approved", (await editor.GetAsync(slug)).GetProperty("status").GetString());
        Assert.DoesNotContain(await _api.EventsAsync<ContentPublished>(), e => e.Slug == slug && e.Revision == 2);
        Assert.Contains(await _api.AuditAsync(editor, slug), a => a.StartsWith("schedule-cancelled|Test pharmacist-1|Withdrawal of the live revision."));
    }

    public void Dispose() => _api.Dispose();
}
