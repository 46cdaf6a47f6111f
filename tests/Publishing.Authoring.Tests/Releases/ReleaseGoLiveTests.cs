using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Publishing.Authoring.Tests.Api;
using Publishing.Contracts;
using Xunit;

namespace Publishing.Authoring.Tests.Releases;

/// <summary>A release's members wait for it, and go live together: one transaction, one ReleasePublished.</summary>
public sealed class ReleaseGoLiveTests(AuthoringApi api) : IClassFixture<AuthoringApi>
{
    [Fact]
    public async Task A_members_final_approval_holds_it_as_approved_until_the_release_goes_live()
    {
        var (editor, slug, submitted) = await api.InReviewAsync("sunitinib");
        var release = await editor.Http.CreateReleaseAsync();
        await editor.Http.AddOkAsync(release, slug);

        await api.ApproveAsync(submitted, slug, 1);
        await Publications.Until(editor, slug, "approved");

        var item = await editor.GetAsync(slug);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("publishedRevision").ValueKind);
        Assert.Empty(await api.PublishedEventsAsync(slug));
        Assert.Equal("ready", (await editor.Http.GetReleaseAsync(release)).State(slug));

        var live = await editor.Http.GoLiveAsync(release);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("published", (await editor.GetAsync(slug)).GetProperty("status").GetString());
        var published = Assert.Single(await api.PublishedEventsAsync(slug));
        Assert.Equal(release, published.ReleaseId);
    }

    [Fact]
    public async Task Three_changes_and_a_withdrawal_go_live_as_one_release_event_and_four_item_events_naming_it()
    {
        var editor = await api.ClientAsAsync("editor-1", "editor");
        var reviewer = await api.ClientAsAsync("pharmacist-1", "reviewer", "Clinical pharmacist");
        var release = await editor.CreateReleaseAsync("Sarcoma guidance, March");
        var changes = new List<string>();
        foreach (var sample in new[] { "imatinib", "pazopanib", "regorafenib" })
        {
            var (_, slug, submitted) = await api.InReviewAsync(sample);
            await editor.AddOkAsync(release, slug);
            await api.ApproveAsync(submitted, slug, 1);
            changes.Add(slug);
        }
        var (_, withdrawn, _) = await api.PublishedAsync("olaratumab");
        await reviewer.AddOkAsync(release, withdrawn, "withdrawal", ReleaseClient.Reason, "olaratumab (lartruvo)");
        foreach (var slug in changes) await Publications.Until(new ContentClient(editor), slug, "approved");

        var live = await editor.GoLiveAsync(release);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        var view = await live.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("published", view.GetProperty("status").GetString());
        Assert.All(view.GetProperty("members").EnumerateArray(), m => Assert.Equal("live", m.GetProperty("state").GetString()));
        var one = Assert.Single(await api.ReleaseEventsAsync(release));
        Assert.Equal("Sarcoma guidance, March", one.Name);
        Assert.Equal(changes.Order(), one.Published.Select(p => p.Slug).Order());
        Assert.Equal(withdrawn, Assert.Single(one.Withdrawn).Slug);
        Assert.All(one.Published, p => Assert.Equal(release, p.ReleaseId));
        foreach (var slug in changes)
            Assert.Equal(release, Assert.Single(await api.PublishedEventsAsync(slug)).ReleaseId);
        var alone = Assert.Single(await api.EventsAsync<ContentWithdrawn>(), e => e.Slug == withdrawn);
        Assert.Equal(release, alone.ReleaseId);
        Assert.Equal(ReleaseClient.Reason, alone.Reason);
        var item = await new ContentClient(editor).GetAsync(withdrawn);
        Assert.Equal("withdrawn", item.GetProperty("status").GetString());
        Assert.All(one.Published, p => Assert.Equal(one.OccurredAt, p.OccurredAt));

        // Going live twice publishes nothing more.
        Assert.Equal(HttpStatusCode.Conflict, (await editor.GoLiveAsync(release)).StatusCode);
        Assert.Single(await api.ReleaseEventsAsync(release));
    }

    [Fact]
    public async Task An_unapproved_member_blocks_going_live_with_409_naming_it_and_nothing_changes()
    {
        var (editor, ready, submitted) = await api.InReviewAsync("imatinib");
        var (_, waiting, _) = await api.InReviewAsync("pazopanib");
        var release = await editor.Http.CreateReleaseAsync();
        await editor.Http.AddOkAsync(release, ready);
        await editor.Http.AddOkAsync(release, waiting);
        await api.ApproveAsync(submitted, ready, 1);
        await Publications.Until(editor, ready, "approved");

        var check = await editor.Http.GetFromJsonAsync<JsonElement>($"/api/releases/{release}/check");
        Assert.False(check.GetProperty("ready").GetBoolean());
        var response = await editor.Http.GoLiveAsync(release);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(waiting, problem.GetProperty("detail").GetString());
        var blocking = Assert.Single(problem.GetProperty("blocking").EnumerateArray());
        Assert.Equal("awaiting-approval", blocking.GetProperty("state").GetString());
        Assert.Equal("approved", (await editor.GetAsync(ready)).GetProperty("status").GetString());
        Assert.Empty(await api.PublishedEventsAsync(ready));
        Assert.Empty(await api.ReleaseEventsAsync(release));
    }

    [Fact]
    public async Task A_member_withdrawn_outside_the_release_is_named_until_removed_then_the_rest_go_live()
    {
        var (editor, changed, submitted) = await api.PublishedWithChangeAsync("regorafenib");
        var (_, other, otherSubmitted) = await api.InReviewAsync("sunitinib");
        var release = await editor.Http.CreateReleaseAsync();
        await editor.Http.AddOkAsync(release, changed);
        await editor.Http.AddOkAsync(release, other);
        await api.ApproveAsync(submitted, changed, 2);
        await api.ApproveAsync(otherSubmitted, other, 1);
        await Publications.Until(editor, changed, "approved");
        await Publications.Until(editor, other, "approved");
        var reviewer = await api.ClientAsAsync("pharmacist-1", "reviewer", "Clinical pharmacist");
        Assert.Equal(HttpStatusCode.Accepted,
            (await reviewer.PostAsJsonAsync($"/api/content/{changed}/withdrawal", new { reason = ReleaseClient.Reason })).StatusCode);

        Assert.Equal("withdrawn-meanwhile", (await editor.Http.GetReleaseAsync(release)).State(changed));
        var refused = await editor.Http.GoLiveAsync(release);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains(changed, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Empty(await api.PublishedEventsAsync(other));

        Assert.Equal(HttpStatusCode.OK, (await editor.Http.DeleteAsync($"/api/releases/{release}/members/{changed}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await editor.Http.GoLiveAsync(release)).StatusCode);
        Assert.Equal("published", (await editor.GetAsync(other)).GetProperty("status").GetString());
        var item = await editor.GetAsync(changed);
        Assert.Equal("approved", item.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("publishedRevision").ValueKind);
        Assert.Equal([other], Assert.Single(await api.ReleaseEventsAsync(release)).Published.Select(p => p.Slug));
    }

    [Fact]
    public async Task A_recalled_and_resubmitted_member_is_reported_as_replaced_not_published_in_its_place()
    {
        var (editor, slug, submitted) = await api.InReviewAsync("pazopanib");
        var release = await editor.Http.CreateReleaseAsync();
        await editor.Http.AddOkAsync(release, slug);
        var reviewId = submitted.GetProperty("reviewId").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await editor.Http.PostAsync($"/api/content/{slug}/submissions/{reviewId}/recall", null)).StatusCode);
        Assert.Equal("recalled", (await editor.Http.GetReleaseAsync(release)).State(slug));

        var resubmitted = await editor.SubmitOkAsync(slug);
        await api.ApproveAsync(resubmitted, slug, 1);
        await Publications.Until(editor, slug, "approved");

        Assert.Equal("replaced", (await editor.Http.GetReleaseAsync(release)).State(slug));
        Assert.Equal(HttpStatusCode.Conflict, (await editor.Http.GoLiveAsync(release)).StatusCode);
        Assert.Empty(await api.PublishedEventsAsync(slug));
    }

    [Fact]
    public async Task A_withdrawal_member_already_withdrawn_outside_the_release_blocks_it()
    {
        var (editor, slug, _) = await api.PublishedAsync("olaratumab");
        var reviewer = await api.ClientAsAsync("pharmacist-1", "reviewer", "Clinical pharmacist");
        var release = await editor.Http.CreateReleaseAsync();
        await reviewer.AddOkAsync(release, slug, "withdrawal", ReleaseClient.Reason, "Olaratumab (Lartruvo)");
        await reviewer.PostAsJsonAsync($"/api/content/{slug}/withdrawal", new { reason = ReleaseClient.Reason });

        Assert.Equal("withdrawn-meanwhile", (await editor.Http.GetReleaseAsync(release)).State(slug));
        Assert.Equal(HttpStatusCode.Conflict, (await editor.Http.GoLiveAsync(release)).StatusCode);
        Assert.Empty(await api.ReleaseEventsAsync(release));
    }
}
