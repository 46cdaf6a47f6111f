using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Publishing.Testing;
using Xunit;

namespace Publishing.EndToEnd.Tests;

/// <summary>
/// Issue 16's embargo acceptance, over the real broker: a scheduled revision is in nothing public
/// (published API, search, change feed, webhooks) before its go-live time, a restart of Authoring in
/// between changes nothing, and at the time it appears everywhere within 5 s. Authoring runs on a
/// fake clock the test moves; the other services keep the real one.
/// </summary>
[Collection(RabbitMqFixture.Collection)]
public sealed class EmbargoTests(RabbitMqFixture rabbit) : IDisposable
{
    private const string Embargoed = "imatinib";
    private const string Control = "sunitinib";

    /// <summary>The bound for "appears within seconds of its time".</summary>
    private static readonly TimeSpan Appears = TimeSpan.FromSeconds(5);

    private readonly TempDirectory _data = new();

    // Near the real time, so tokens stamped by Authoring's dev issuer stay valid for the other services.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    private static JsonObject Sample(string slug) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Seed", $"{slug}.json")))!.AsObject();

    [Fact]
    public async Task An_embargoed_drug_is_in_nothing_public_until_its_time_even_across_a_restart_then_everywhere_within_5_s()
    {
        await using var cluster = await Cluster.StartAsync(await rabbit.CreateVirtualHostAsync(), _data,
            services => services.AddSingleton<TimeProvider>(_clock));
        await using var receiver = await WebhookReceiver.StartAsync();
        var admin = await cluster.Notifications.ClientAsAsync("admin-1", "admin");
        var subscribed = await admin.PostAsJsonAsync("/api/subscriptions", new
        {
            name = "Hospital formulary", url = receiver.Url, events = new[] { "content.published" },
            filter = new { slugs = new[] { Embargoed, Control } },
        });
        Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);

        var editor = await cluster.Authoring.ClientAsAsync("editor-1", "editor");
        var publishAt = _clock.GetUtcNow().AddMinutes(3);
        await SubmitAndApproveAsync(cluster, editor, Embargoed, publishAt);
        await Eventually.Until(() => StatusAsync(editor, Embargoed), s => s == "scheduled", what: "the embargoed entry to be scheduled");

        // A drug approved after it, with no go-live time, goes all the way through: what is missing
        // of the embargoed one is held back, not still on its way.
        await SubmitAndApproveAsync(cluster, editor, Control, null);
        await Eventually.Until(() => PublicStateAsync(cluster, receiver, Control), s => s.Everywhere, what: "the control entry to be public everywhere");
        Assert.Equal(PublicState.Nowhere, await PublicStateAsync(cluster, receiver, Embargoed));

        var authoring = await cluster.RestartAuthoringAsync();
        editor = await authoring.ClientAsAsync("editor-1", "editor");
        var item = await editor.GetFromJsonAsync<JsonElement>($"/api/content/{Embargoed}");
        Assert.Equal(("scheduled", publishAt), (item.GetProperty("status").GetString(), item.GetProperty("publishAt").GetDateTimeOffset()));
        Assert.Equal(PublicState.Nowhere, await PublicStateAsync(cluster, receiver, Embargoed));

        _clock.Advance(TimeSpan.FromMinutes(3) - TimeSpan.FromSeconds(1));
        Assert.Equal("scheduled", await StatusAsync(editor, Embargoed));
        Assert.Equal(PublicState.Nowhere, await PublicStateAsync(cluster, receiver, Embargoed));

        _clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.Until(() => PublicStateAsync(cluster, receiver, Embargoed), s => s.Everywhere, Appears,
            what: "the embargoed entry to be public everywhere at its go-live time");

        var changes = await cluster.Search.Http.GetFromJsonAsync<JsonElement>("/api/changes?limit=100");
        Assert.Single(changes.GetProperty("items").EnumerateArray(),
            c => c.GetProperty("slug").GetString() == Embargoed && c.GetProperty("type").GetString() == "content.published");
        Assert.Single(receiver.Requests, r => JsonDocument.Parse(r.Body).RootElement.GetProperty("data").GetProperty("slug").GetString() == Embargoed);
    }

    private static async Task SubmitAndApproveAsync(Cluster cluster, HttpClient editor, string slug, DateTimeOffset? publishAt)
    {
        var created = await editor.PostAsync("/api/content", new StringContent(Sample(slug).ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var submitted = await editor.PostAsJsonAsync($"/api/content/{slug}/submissions",
            new { changeSummary = "EMA decision, public at the stated hour", reason = "regulatory", publishAt = publishAt?.ToString("O") });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var reviewId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reviewId").GetGuid();
        foreach (var (id, qualification) in new[] { ("pharmacist-9", "Clinical pharmacist"), ("oncologist-9", "Consultant medical oncologist") })
        {
            var reviewer = await cluster.Review.ClientAsAsync(id, "reviewer", qualification);
            await Eventually.Until(async () => (await reviewer.GetAsync($"/api/reviews/{reviewId}")).StatusCode == HttpStatusCode.OK,
                what: "the review to reach the Review service");
            var approved = await reviewer.PostAsJsonAsync($"/api/reviews/{reviewId}/approvals", new { comment = "Checked", referencesChecked = true });
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        }
    }

    private static async Task<string?> StatusAsync(HttpClient editor, string slug) =>
        (await editor.GetFromJsonAsync<JsonElement>($"/api/content/{slug}")).GetProperty("status").GetString();

    private sealed record PublicState(bool Published, bool Searchable, bool InFeed, bool Webhook)
    {
        public static readonly PublicState Nowhere = new(false, false, false, false);

        public bool Everywhere => Published && Searchable && InFeed && Webhook;
    }

    /// <summary>Where a subscriber or reader can see <paramref name="slug"/>: each public surface, read now.</summary>
    private static async Task<PublicState> PublicStateAsync(Cluster cluster, WebhookReceiver receiver, string slug)
    {
        var published = (await cluster.Search.Http.GetAsync($"/api/published/{slug}")).StatusCode == HttpStatusCode.OK;
        var search = await cluster.Search.Http.GetFromJsonAsync<JsonElement>($"/api/search?q={slug}");
        var searchable = search.GetProperty("hits").EnumerateArray().Any(h => h.GetProperty("slug").GetString() == slug);
        var changes = await cluster.Search.Http.GetFromJsonAsync<JsonElement>("/api/changes?limit=100");
        var inFeed = changes.GetProperty("items").EnumerateArray().Any(c => c.GetProperty("slug").GetString() == slug);
        var webhook = receiver.Requests.Any(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("data").GetProperty("slug").GetString() == slug);
        return new PublicState(published, searchable, inFeed, webhook);
    }

    public void Dispose() => _data.Dispose();
}
