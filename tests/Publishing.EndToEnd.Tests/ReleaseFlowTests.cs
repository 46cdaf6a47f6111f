using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Publishing.Notifications.Data;
using Publishing.Testing;
using Xunit;

namespace Publishing.EndToEnd.Tests;

/// <summary>A release over the real broker: three drugs and a withdrawal become visible to a feed reader as one step.</summary>
[Collection(RabbitMqFixture.Collection)]
public sealed class ReleaseFlowTests(RabbitMqFixture rabbit) : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_release_of_three_drugs_and_a_withdrawal_appears_in_the_change_feed_all_at_once_with_one_release_event()
    {
        await using var cluster = await Cluster.StartAsync(await rabbit.CreateVirtualHostAsync(), _data);
        var editor = await cluster.Authoring.ClientAsAsync("editor-1", "editor");
        var withdrawer = await cluster.Authoring.ClientAsAsync("pharmacist-1", "reviewer", "Clinical pharmacist");
        await ReviewFlowTests.PublishSample(cluster, editor, "olaratumab");

        var created = await editor.PostAsJsonAsync("/api/releases", new { name = "Sarcoma guidance, March" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var release = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        string[] drugs = ["imatinib", "pazopanib", "regorafenib"];
        foreach (var slug in drugs)
        {
            var body = new StringContent(ReviewFlowTests.Sample(slug).ToJsonString(), System.Text.Encoding.UTF8, "application/json");
            Assert.Equal(HttpStatusCode.Created, (await editor.PostAsync("/api/content", body)).StatusCode);
            var reviewId = await ReviewFlowTests.Submit(editor, slug);
            Assert.Equal(HttpStatusCode.OK, (await editor.PostAsJsonAsync($"/api/releases/{release}/members", new { slug })).StatusCode);
            foreach (var (id, qualification) in new[] { ("pharmacist-9", "Clinical pharmacist"), ("oncologist-9", "Consultant medical oncologist") })
            {
                var reviewer = await cluster.Review.ClientAsAsync(id, "reviewer", qualification);
                await ReviewFlowTests.WaitForReview(reviewer, reviewId);
                Assert.Equal(HttpStatusCode.OK, (await ReviewFlowTests.Approve(reviewer, reviewId)).StatusCode);
            }
        }
        Assert.Equal(HttpStatusCode.OK, (await withdrawer.PostAsJsonAsync($"/api/releases/{release}/members",
            new { slug = "olaratumab", kind = "withdrawal", reason = "Marketing authorisation revoked in 2019.", confirmTitle = "Olaratumab (Lartruvo)" })).StatusCode);
        foreach (var slug in drugs) await ReviewFlowTests.WaitForStatus(editor, slug, "approved");

        // Everything in the feed so far; the release's entries come after this cursor.
        var feed = cluster.Search.Http;
        var start = (await feed.GetFromJsonAsync<JsonElement>("/api/changes?limit=1000")).GetProperty("next").GetString();
        var members = drugs.Append("olaratumab").ToHashSet();
        var reader = Task.Run(async () =>
        {
            var pages = 0;
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (pages < 20_000 && DateTime.UtcNow < deadline)
            {
                var page = await feed.GetFromJsonAsync<JsonElement>($"/api/changes?after={start}&limit=1000");
                pages++;
                var seen = page.GetProperty("items").EnumerateArray().Count(e => members.Contains(e.GetProperty("slug").GetString()!));
                Assert.True(seen is 0 or 4, $"a feed page held {seen} of the release's 4 entries");
                if (seen == 4) return page;
            }
            throw new TimeoutException($"The release never appeared in the feed after {pages} reads.");
        });

        var live = await editor.PostAsync($"/api/releases/{release}/go-live", null);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        var whole = await reader;

        var entries = whole.GetProperty("items").EnumerateArray().Where(e => members.Contains(e.GetProperty("slug").GetString()!)).ToList();
        Assert.All(entries, e => Assert.Equal(release, e.GetProperty("releaseId").GetGuid()));
        var cursors = entries.Select(e => long.Parse(e.GetProperty("cursor").GetString()!)).Order().ToList();
        var all = whole.GetProperty("items").EnumerateArray().Select(e => long.Parse(e.GetProperty("cursor").GetString()!)).ToList();
        Assert.Equal(4, all.Count(c => c >= cursors[0] && c <= cursors[^1])); // consecutive: no other entry between
        Assert.Equal(HttpStatusCode.Gone, (await feed.GetAsync("/api/published/olaratumab")).StatusCode);

        // Notifications heard one ReleasePublished and the four member events, each once.
        var events = await Eventually.Until(async () =>
        {
            await using var scope = cluster.Notifications.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().ReceivedEvents.AsNoTracking()
                .Where(e => members.Contains(e.Slug))
                .ToListAsync();
        }, rows => rows.Count(r => r.EventType == "ReleasePublished") == 4 && rows.Count(r => r.EventType == "ContentWithdrawn") == 1
            && drugs.All(d => rows.Any(r => r.EventType == "ContentPublished" && r.Slug == d)), what: "Notifications to record the release");
        Assert.Single(events.Where(e => e.EventType == "ReleasePublished").Select(e => e.MessageId).Distinct());
        Assert.Equal(drugs, events.Where(e => e.EventType == "ContentPublished" && drugs.Contains(e.Slug)).Select(e => e.Slug).Order());
        Assert.Single(events, e => e.EventType == "ContentWithdrawn");
    }
}
