using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Publishing.Authoring.Tests.Api;
using Publishing.Contracts;
using Xunit;

namespace Publishing.Authoring.Tests.GoLive;

/// <summary>
/// An embargo as editors live it: approval schedules instead of publishing, nothing is published
/// before the time, and editors move, cancel or lift the time, each step on the trail.
/// </summary>
public sealed class GoLiveScheduleTests : IDisposable
{
    private readonly GoLiveApi _api = new(GoLiveApi.NewClock());

    private DateTimeOffset Now => _api.Clock.GetUtcNow();

    private async Task<List<ContentPublished>> PublishedEventsAsync(string slug) =>
        (await _api.EventsAsync<ContentPublished>()).Where(e => e.Slug == slug).ToList();

    [Fact]
    public async Task An_embargoed_revision_is_scheduled_on_approval_and_published_once_at_its_time()
    {
        var publishAt = Now.AddMinutes(10);
        var (editor, slug, submitted) = await _api.SubmittedAsync(publishAt);
        Assert.Equal(publishAt, submitted.GetProperty("publishAt").GetDateTimeOffset());

        await _api.ApproveAsync(submitted, slug, 1);
        await Publications.Until(editor, slug, "scheduled");

        var item = await editor.GetAsync(slug);
        Assert.Equal(publishAt, item.GetProperty("publishAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("publishedRevision").ValueKind);
        var listed = (await editor.Http.GetFromJsonAsync<JsonElement>("/api/content?status=scheduled")).EnumerateArray()
            .Single(i => i.GetProperty("slug").GetString() == slug);
        Assert.Equal(publishAt, listed.GetProperty("publishAt").GetDateTimeOffset());

        _api.Clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        await _api.PassAsync();
        Assert.Equal("scheduled", (await editor.GetAsync(slug)).GetProperty("status").GetString());
        Assert.Empty(await PublishedEventsAsync(slug));

        _api.Clock.Advance(TimeSpan.FromSeconds(1));
        await Publications.Until(editor, slug, "published");
        await _api.PassAsync();

        var published = Assert.Single(await PublishedEventsAsync(slug));
        Assert.Equal((1, publishAt), (published.Revision, published.OccurredAt));
        Assert.Equal(2, published.Approvals.Count);
        item = await editor.GetAsync(slug);
        Assert.Equal(1, item.GetProperty("publishedRevision").GetInt32());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("publishAt").ValueKind);
        var audit = await _api.AuditAsync(editor, slug);
        Assert.Contains(audit, a => a.StartsWith("scheduled|Publishing|Approved by Aisha Rahman") && a.Contains("Goes live at"));
        Assert.Single(audit, a => a.StartsWith("published|"));
    }

    [Fact]
    public async Task Reschedule_and_cancel_are_audited_and_hold_the_revision_back_until_an_editor_publishes_it_now()
    {
        var first = Now.AddMinutes(10);
        var (editor, slug) = await _api.ScheduledAsync(first);

        var later = first.AddHours(2);
        var moved = await editor.Http.PutAsJsonAsync($"/api/content/{slug}/schedule", new { publishAt = later.ToString("O") });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(later, (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("publishAt").GetDateTimeOffset());

        _api.Clock.Advance(TimeSpan.FromMinutes(11));
        await _api.PassAsync();
        Assert.Equal("scheduled", (await editor.GetAsync(slug)).GetProperty("status").GetString());

        var cancelled = await editor.Http.DeleteAsync($"/api/content/{slug}/schedule");
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var item = await editor.GetAsync(slug);
        Assert.Equal(("approved", JsonValueKind.Null), (item.GetProperty("status").GetString(), item.GetProperty("publishAt").ValueKind));

        _api.Clock.Advance(TimeSpan.FromHours(3));
        await _api.PassAsync();
        Assert.Equal("approved", (await editor.GetAsync(slug)).GetProperty("status").GetString());
        Assert.Empty(await PublishedEventsAsync(slug));

        var now = await editor.Http.PostAsync($"/api/content/{slug}/publication", null);
        Assert.Equal(HttpStatusCode.OK, now.StatusCode);
        Assert.Equal("published", (await editor.GetAsync(slug)).GetProperty("status").GetString());
        Assert.Single(await PublishedEventsAsync(slug));

        var audit = await _api.AuditAsync(editor, slug);
        Assert.Contains(audit, a => a.StartsWith("rescheduled|Test editor-1|")
            && a.Contains($"from {Publishing.Authoring.GoLive.GoLiveTime.Format(first)} to {Publishing.Authoring.GoLive.GoLiveTime.Format(later)}"));
        Assert.Contains(audit, a => a.StartsWith("schedule-cancelled|Test editor-1|") && a.Contains(Publishing.Authoring.GoLive.GoLiveTime.Format(later)));
        Assert.Contains(audit, a => a.StartsWith("published-now|Test editor-1|"));
        Assert.Equal(409, (int)(await editor.Http.PostAsync($"/api/content/{slug}/publication", null)).StatusCode);
    }

    [Fact]
    public async Task An_approved_item_can_be_scheduled_again_and_publishing_now_lifts_a_go_live_time()
    {
        var (editor, slug) = await _api.ScheduledAsync(Now.AddDays(2));
        Assert.Equal(HttpStatusCode.OK, (await editor.Http.DeleteAsync($"/api/content/{slug}/schedule")).StatusCode);

        var again = Now.AddDays(1);
        var scheduled = await editor.Http.PutAsJsonAsync($"/api/content/{slug}/schedule", new { publishAt = again.ToString("O") });
        Assert.Equal(HttpStatusCode.OK, scheduled.StatusCode);
        Assert.Equal("scheduled", (await editor.GetAsync(slug)).GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.OK, (await editor.Http.PostAsync($"/api/content/{slug}/publication", null)).StatusCode);
        _api.Clock.Advance(TimeSpan.FromDays(2));
        await _api.PassAsync();
        Assert.Single(await PublishedEventsAsync(slug));
        Assert.Contains(await _api.AuditAsync(editor, slug), a => a.StartsWith("published-now|") && a.Contains("instead of at"));
    }

    [Fact]
    public async Task An_approval_that_arrives_after_the_go_live_time_publishes_at_once()
    {
        var (editor, slug, submitted) = await _api.SubmittedAsync(Now.AddMinutes(5));
        _api.Clock.Advance(TimeSpan.FromMinutes(6));

        await _api.ApproveAsync(submitted, slug, 1);

        await Publications.Until(editor, slug, "published");
        Assert.Single(await PublishedEventsAsync(slug));
    }

    [Fact]
    public async Task Editing_is_refused_while_scheduled_and_sets_an_approval_aside_once_cancelled()
    {
        var (editor, slug) = await _api.ScheduledAsync(Now.AddHours(1));
        var update = Samples.UpdateRequest(Samples.CreateRequest("imatinib", slug));
        Samples.Fields(update)["evidenceNotes"] = "Reworded after the embargo moved.";

        var refused = await editor.PutAsync(slug, update, "\"1\"");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("cancel its go-live time", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        await editor.Http.DeleteAsync($"/api/content/{slug}/schedule");
        Assert.Equal(HttpStatusCode.OK, (await editor.PutAsync(slug, update, "\"1\"")).StatusCode);

        var item = await editor.GetAsync(slug);
        Assert.Equal(("draft", 2), (item.GetProperty("status").GetString(), item.GetProperty("revision").GetInt32()));
        Assert.Contains(await _api.AuditAsync(editor, slug), a => a.StartsWith("approval-set-aside|"));
        Assert.Equal(HttpStatusCode.Conflict, (await editor.Http.PostAsync($"/api/content/{slug}/publication", null)).StatusCode);
        _api.Clock.Advance(TimeSpan.FromHours(2));
        await _api.PassAsync();
        Assert.Empty(await PublishedEventsAsync(slug));
    }

    public void Dispose() => _api.Dispose();
}
