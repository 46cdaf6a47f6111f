using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Publishing.Authoring.Data;
using Publishing.Authoring.ReviewOutcomes;
using Publishing.Contracts;
using Publishing.Messaging.Bus;
using Publishing.Messaging.Outbox;
using Publishing.Notifications.Events;
using Publishing.Review.Data;
using Publishing.Testing;
using Xunit;

namespace Publishing.EndToEnd.Tests;

/// <summary>Clinical sign-off across the services, over the real broker (docs/product.md scenarios 1 and 5-ish).</summary>
[Collection(RabbitMqFixture.Collection)]
public sealed class ReviewFlowTests(RabbitMqFixture rabbit) : IDisposable
{
    private readonly TempDirectory _data = new();

    internal static JsonObject Sample(string slug) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Seed", $"{slug}.json")))!.AsObject();

    internal static async Task<HttpResponseMessage> Approve(HttpClient reviewer, Guid reviewId) =>
        await reviewer.PostAsJsonAsync($"/api/reviews/{reviewId}/approvals", new { comment = "Checked", referencesChecked = true });

    internal static async Task<Guid> Submit(HttpClient editor, string slug, string reason = "new-evidence")
    {
        var response = await editor.PostAsJsonAsync($"/api/content/{slug}/submissions", new { changeSummary = "Update", reason });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reviewId").GetGuid();
    }

    internal static Task WaitForReview(HttpClient reviewer, Guid reviewId) =>
        Eventually.Until(async () => (await reviewer.GetAsync($"/api/reviews/{reviewId}")).StatusCode == HttpStatusCode.OK,
            what: "the review to reach the Review service");

    internal static Task<JsonElement> WaitForStatus(HttpClient editor, string slug, string status) =>
        Eventually.Until(() => editor.GetFromJsonAsync<JsonElement>($"/api/content/{slug}"),
            c => c.GetProperty("status").GetString() == status, what: $"{slug} to be {status}");

    /// <summary>Waits until the host's outbox has sent every row it holds; the message ids of its <typeparamref name="TEvent"/>s.</summary>
    private static async Task<List<Guid>> SentAsync<TContext, TEvent>(ServiceHost host) where TContext : DbContext
    {
        var type = $"{typeof(TEvent).FullName}, {typeof(TEvent).Assembly.GetName().Name}";
        var rows = await Eventually.Until(async () =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<TContext>().Set<OutboxMessage>().AsNoTracking().ToListAsync();
        }, all => all.All(m => m.SentAt is not null), what: $"{typeof(TContext).Name}'s outbox to be sent");
        return rows.Where(m => m.MessageType == type).Select(m => m.MessageId).ToList();
    }

    internal static async Task PublishSample(Cluster cluster, HttpClient editor, string slug)
    {
        var created = await editor.PostAsync("/api/content", new StringContent(Sample(slug).ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var reviewId = await Submit(editor, slug);
        foreach (var (id, qualification) in new[] { ("pharmacist-9", "Clinical pharmacist"), ("oncologist-9", "Consultant medical oncologist") })
        {
            var reviewer = await cluster.Review.ClientAsAsync(id, "reviewer", qualification);
            await WaitForReview(reviewer, reviewId);
            Assert.Equal(HttpStatusCode.OK, (await Approve(reviewer, reviewId)).StatusCode);
        }
        await WaitForStatus(editor, slug, "published");
    }

    [Fact]
    public async Task A_serious_side_effect_change_needs_two_qualified_reviewers_other_than_the_author()
    {
        await using var cluster = await Cluster.StartAsync(await rabbit.CreateVirtualHostAsync(), _data);
        // The author also holds the reviewer role, to show the four-eyes rule rather than a role check.
        var author = await cluster.Authoring.ClientAsAsync("dual-1", ["editor", "reviewer"], "Clinical pharmacist");
        await PublishSample(cluster, author, "regorafenib");

        var current = await author.GetFromJsonAsync<JsonElement>("/api/content/regorafenib");
        var fields = JsonNode.Parse(current.GetProperty("fields").GetRawText())!.AsObject();
        fields["sideEffects"]!["serious"]!.AsArray().Add("a tear in the bowel wall (bowel perforation), which needs urgent care");
        var update = new HttpRequestMessage(HttpMethod.Put, "/api/content/regorafenib")
        {
            Content = JsonContent.Create(new { title = current.GetProperty("title").GetString(), fields }),
        };
        update.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        Assert.Equal(HttpStatusCode.OK, (await author.SendAsync(update)).StatusCode);
        var reviewId = await Submit(author, "regorafenib", "safety");

        var authorAsReviewer = await cluster.Review.ClientAsAsync("dual-1", ["editor", "reviewer"], "Clinical pharmacist");
        var unqualified = await cluster.Review.ClientAsAsync("reviewer-no-qual", "reviewer");
        var pharmacist = await cluster.Review.ClientAsAsync("pharmacist-1", "reviewer", "Clinical pharmacist");
        var oncologyPharmacist = await cluster.Review.ClientAsAsync("pharmacist-2", "reviewer", "Oncology pharmacist");
        await WaitForReview(pharmacist, reviewId);

        Assert.Equal(HttpStatusCode.Forbidden, (await Approve(authorAsReviewer, reviewId)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Approve(unqualified, reviewId)).StatusCode);
        var first = await Approve(pharmacist, reviewId);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var firstBody = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("pending", firstBody.GetProperty("status").GetString());
        Assert.Equal(1, firstBody.GetProperty("remaining").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, (await Approve(pharmacist, reviewId)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Approve(oncologyPharmacist, reviewId)).StatusCode);

        var published = await Eventually.Until(() => cluster.Search.Http.GetFromJsonAsync<JsonElement>("/api/published/regorafenib"),
            d => d.GetProperty("revision").GetInt32() == 2, what: "the public API to serve revision 2");
        Assert.Contains(published.GetProperty("fields").GetProperty("sideEffects").GetProperty("serious").EnumerateArray(),
            s => s.GetString()!.Contains("bowel perforation"));
        var signOffs = published.GetProperty("approvals").EnumerateArray()
            .Select(a => a.GetProperty("qualification").GetString() ?? "").Order().ToArray();
        Assert.Equal(new[] { "Clinical pharmacist", "Oncology pharmacist" }, signOffs);
    }

    [Fact]
    public async Task A_change_request_goes_back_to_the_editor_whose_resubmission_is_reviewed_afresh()
    {
        await using var cluster = await Cluster.StartAsync(await rabbit.CreateVirtualHostAsync(), _data);
        var editor = await cluster.Authoring.ClientAsAsync("editor-1", "editor");
        var created = await editor.PostAsync("/api/content", new StringContent(Sample("targeted-therapy-soft-tissue-sarcoma").ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var firstReview = await Submit(editor, "targeted-therapy-soft-tissue-sarcoma");
        var reviewer = await cluster.Review.ClientAsAsync("nurse-1", "reviewer", "Clinical nurse specialist");
        await WaitForReview(reviewer, firstReview);

        var requested = await reviewer.PostAsJsonAsync($"/api/reviews/{firstReview}/change-requests",
            new { comment = "Say that pazopanib is not routinely available on the NHS." });
        Assert.Equal(HttpStatusCode.OK, requested.StatusCode);
        var item = await WaitForStatus(editor, "targeted-therapy-soft-tissue-sarcoma", "changes-requested");
        Assert.StartsWith("Say that pazopanib", item.GetProperty("reviewComment").GetString());

        var fields = JsonNode.Parse(item.GetProperty("fields").GetRawText())!.AsObject();
        fields["summary"] = fields["summary"]!.GetValue<string>() + " Pazopanib is not routinely funded on the NHS.";
        var edit = new HttpRequestMessage(HttpMethod.Put, "/api/content/targeted-therapy-soft-tissue-sarcoma")
        {
            Content = JsonContent.Create(new { title = item.GetProperty("title").GetString(), fields }),
        };
        edit.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        Assert.Equal(HttpStatusCode.OK, (await editor.SendAsync(edit)).StatusCode);
        var secondReview = await Submit(editor, "targeted-therapy-soft-tissue-sarcoma");
        await WaitForReview(reviewer, secondReview);

        Assert.Equal(HttpStatusCode.Conflict, (await Approve(reviewer, firstReview)).StatusCode);
        var pending = await reviewer.GetFromJsonAsync<JsonElement>("/api/reviews?status=pending");
        Assert.Equal([secondReview], pending.EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
        Assert.Equal(HttpStatusCode.OK, (await Approve(reviewer, secondReview)).StatusCode);
        await WaitForStatus(editor, "targeted-therapy-soft-tissue-sarcoma", "published");
    }

    [Fact]
    public async Task Two_concurrent_final_approvals_publish_exactly_once()
    {
        await using var cluster = await Cluster.StartAsync(await rabbit.CreateVirtualHostAsync(), _data);
        var reviewTraffic = MessageTraffic.Observe(cluster.Review.Services.GetRequiredService<IBus>());
        var authoringTraffic = MessageTraffic.Observe(cluster.Authoring.Services.GetRequiredService<IBus>());
        var notificationsTraffic = MessageTraffic.Observe(cluster.Notifications.Services.GetRequiredService<IBus>());
        var editor = await cluster.Authoring.ClientAsAsync("editor-1", "editor");
        var created = await editor.PostAsync("/api/content", new StringContent(Sample("targeted-therapy-soft-tissue-sarcoma").ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var reviewId = await Submit(editor, "targeted-therapy-soft-tissue-sarcoma");
        var a = await cluster.Review.ClientAsAsync("pharmacist-1", "reviewer", "Clinical pharmacist");
        var b = await cluster.Review.ClientAsAsync("oncologist-1", "reviewer", "Consultant medical oncologist");
        await WaitForReview(a, reviewId);

        var results = await Task.WhenAll(Approve(a, reviewId), Approve(b, reviewId));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], results.Select(r => r.StatusCode).Order());

        await WaitForStatus(editor, "targeted-therapy-soft-tissue-sarcoma", "published");
        var admin = await cluster.Notifications.ClientAsAsync("admin-1", "admin");
        await Eventually.Until(() => admin.GetFromJsonAsync<JsonElement>("/api/notifications/events?slug=targeted-therapy-soft-tissue-sarcoma"),
            e => e.EnumerateArray().Any(x => x.GetProperty("eventType").GetString() == "ContentPublished"), what: "the publication to reach Notifications");
        // A duplicate would have to come down this chain; once each link has finished with all it was
        // given, nothing more can arrive. Review has sent every approval it staged, Authoring and
        // Notifications have consumed each as often as it was published, Authoring has sent every
        // publication, Notifications has consumed each as often as it was published.
        var recordEvent = ServiceEndpointNameFormatter.Instance.Consumer<RecordEventConsumer>();
        var publishApproved = ServiceEndpointNameFormatter.Instance.Consumer<PublishApprovedRevisionConsumer>();
        foreach (var approval in await SentAsync<ReviewDbContext, ReviewApproved>(cluster.Review))
        {
            var times = Math.Max(1, reviewTraffic.Published(approval));
            await authoringTraffic.WaitUntilConsumedAsync(approval, times, publishApproved);
            await notificationsTraffic.WaitUntilConsumedAsync(approval, times, recordEvent);
        }
        foreach (var publication in await SentAsync<AuthoringDbContext, ContentPublished>(cluster.Authoring))
            await notificationsTraffic.WaitUntilConsumedAsync(publication, Math.Max(1, authoringTraffic.Published(publication)), recordEvent);
        var events = await admin.GetFromJsonAsync<JsonElement>("/api/notifications/events?slug=targeted-therapy-soft-tissue-sarcoma");
        Assert.Single(events.EnumerateArray(), e => e.GetProperty("eventType").GetString() == "ReviewApproved");
        Assert.Single(events.EnumerateArray(), e => e.GetProperty("eventType").GetString() == "ContentPublished");
        var audit = await editor.GetFromJsonAsync<JsonElement>("/api/content/targeted-therapy-soft-tissue-sarcoma/audit");
        Assert.Single(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "published");
    }

    [Fact]
    public async Task A_periodic_review_moves_the_review_dates_everywhere_without_a_new_revision()
    {
        await using var cluster = await Cluster.StartAsync(await rabbit.CreateVirtualHostAsync(), _data);
        var editor = await cluster.Authoring.ClientAsAsync("editor-1", "editor");
        await PublishSample(cluster, editor, "pazopanib");
        var before = await editor.GetFromJsonAsync<JsonElement>("/api/content/pazopanib");
        var publicBefore = await Eventually.Until(() => cluster.Search.Http.GetAsync("/api/published/pazopanib"),
            r => r.StatusCode == HttpStatusCode.OK, what: "pazopanib to be public");
        var reviewer = await cluster.Review.ClientAsAsync("oncologist-1", "reviewer", "Consultant medical oncologist");
        await Eventually.Until(async () => (await reviewer.PostAsJsonAsync("/api/reviews/periodic",
                new { slug = "pazopanib", comment = "Checked against the current SmPC and SMC advice", referencesChecked = true })).StatusCode == HttpStatusCode.Accepted,
            what: "Review to know pazopanib is published and accept the periodic review");

        var after = await Eventually.Until(() => editor.GetFromJsonAsync<JsonElement>("/api/content/pazopanib"),
            c => c.GetProperty("dates").GetProperty("lastReviewed").GetDateTimeOffset() > before.GetProperty("dates").GetProperty("lastReviewed").GetDateTimeOffset(),
            what: "Authoring to move lastReviewed");
        Assert.Equal(before.GetProperty("revision").GetInt32(), after.GetProperty("revision").GetInt32());
        Assert.Equal(before.GetProperty("dates").GetProperty("lastModified").GetDateTimeOffset(), after.GetProperty("dates").GetProperty("lastModified").GetDateTimeOffset());

        var publicAfter = await Eventually.Until(() => cluster.Search.Http.GetAsync("/api/published/pazopanib"),
            r => r.Headers.ETag?.Tag != publicBefore.Headers.ETag?.Tag, what: "the public copy to show the new review date");
        var document = await publicAfter.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(after.GetProperty("dates").GetProperty("lastReviewed").GetDateTimeOffset(),
            document.GetProperty("dates").GetProperty("lastReviewed").GetDateTimeOffset());
        var changes = await cluster.Search.Http.GetFromJsonAsync<JsonElement>("/api/changes");
        Assert.Contains(changes.GetProperty("items").EnumerateArray(),
            c => c.GetProperty("type").GetString() == "content.reviewed" && c.GetProperty("slug").GetString() == "pazopanib");
    }

    public void Dispose() => _data.Dispose();
}
