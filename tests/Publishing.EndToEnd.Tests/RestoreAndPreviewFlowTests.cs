using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Publishing.Testing;
using Xunit;

namespace Publishing.EndToEnd.Tests;

/// <summary>
/// Restore and preview links across the services over the real broker: a restored revision goes
/// live only through review, under a new number, and a preview of it reaches no subscriber, no
/// search result and no change feed entry while it is only a preview.
/// </summary>
[Collection(RabbitMqFixture.Collection)]
public sealed class RestoreAndPreviewFlowTests(RabbitMqFixture rabbit) : IDisposable
{
    private const string Slug = "imatinib";
    private const string NewMechanism = "Switches off the faulty growth signal that GISTs depend on.";

    private readonly TempDirectory _data = new();

    [Fact]
    public async Task A_restored_revision_previewed_while_in_review_reaches_subscribers_only_once_approved_as_a_new_revision()
    {
        await using var cluster = await Cluster.StartAsync(await rabbit.CreateVirtualHostAsync(), _data);
        await using var receiver = await WebhookReceiver.StartAsync();
        var admin = await cluster.Notifications.ClientAsAsync("admin-1", "admin");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/subscriptions", new
        {
            name = "Hospital formulary", url = receiver.Url, events = new[] { "content.published", "content.withdrawn", "content.reviewed" },
            filter = new { slugs = new[] { Slug } },
        })).StatusCode);

        // Revision 1 published, then revision 2 with a new mechanism.
        var editor = await cluster.Authoring.ClientAsAsync("editor-1", "editor");
        await ReviewFlowTests.PublishSample(cluster, editor, Slug);
        var first = await editor.GetFromJsonAsync<JsonElement>($"/api/content/{Slug}");
        var oldMechanism = first.GetProperty("fields").GetProperty("mechanism").GetString()!;
        var fields = JsonNode.Parse(first.GetProperty("fields").GetRawText())!.AsObject();
        fields["mechanism"] = NewMechanism;
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(editor, HttpMethod.Put, $"/api/content/{Slug}", "1",
            new { title = first.GetProperty("title").GetString(), fields })).StatusCode);
        await ApproveAsync(cluster, await SubmitAsync(editor));
        await WaitForLiveRevisionAsync(cluster, 2);
        await receiver.WaitForAsync(2);

        // Restore revision 1 as revision 3, submit it and share it.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(editor, HttpMethod.Post, $"/api/content/{Slug}/revisions/1/restore", "2", null)).StatusCode);
        var reviewId = await SubmitAsync(editor);
        var shared = await editor.PostAsJsonAsync($"/api/content/{Slug}/previews", new { expiresIn = "PT2H" });
        Assert.Equal(HttpStatusCode.Created, shared.StatusCode);
        var link = await shared.Content.ReadFromJsonAsync<JsonElement>();
        var reader = new HttpClient { BaseAddress = cluster.Authoring.Address };
        var preview = await reader.GetFromJsonAsync<JsonElement>(link.GetProperty("apiPath").GetString());
        Assert.Equal(3, preview.GetProperty("revision").GetInt32());
        Assert.Equal(oldMechanism, preview.GetProperty("fields").GetProperty("mechanism").GetString());

        // While it is only a preview, everything public still says revision 2.
        var live = await cluster.Search.Http.GetFromJsonAsync<JsonElement>($"/api/published/{Slug}");
        Assert.Equal(2, live.GetProperty("revision").GetInt32());
        Assert.Equal(NewMechanism, live.GetProperty("fields").GetProperty("mechanism").GetString());
        Assert.DoesNotContain(await ChangeFeedRevisionsAsync(cluster), r => r == 3);
        Assert.Equal(2, receiver.Requests.Count);

        // Approved, it goes live as revision 3 reading as revision 1 did, and subscribers hear of it once.
        await ApproveAsync(cluster, reviewId);
        await WaitForLiveRevisionAsync(cluster, 3);
        live = await cluster.Search.Http.GetFromJsonAsync<JsonElement>($"/api/published/{Slug}");
        Assert.Equal(oldMechanism, live.GetProperty("fields").GetProperty("mechanism").GetString());
        await receiver.WaitForAsync(3);
        var revisions = receiver.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("data").GetProperty("revision").GetInt32());
        Assert.Equal([1, 2, 3], revisions.Order());
        Assert.Contains(3, await ChangeFeedRevisionsAsync(cluster));

        // Revoked, the link is gone.
        Assert.Equal(HttpStatusCode.NoContent, (await editor.DeleteAsync($"/api/content/{Slug}/previews/{link.GetProperty("id").GetString()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await reader.GetAsync(link.GetProperty("apiPath").GetString())).StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string ifMatch, object? body)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{ifMatch}\"");
        return await client.SendAsync(request);
    }

    private static async Task<Guid> SubmitAsync(HttpClient editor)
    {
        var submitted = await editor.PostAsJsonAsync($"/api/content/{Slug}/submissions", new { changeSummary = "How it works", reason = "editorial" });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        return (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reviewId").GetGuid();
    }

    /// <summary>A mechanism change is clinical: one qualified reviewer signs it off.</summary>
    private static async Task ApproveAsync(Cluster cluster, Guid reviewId)
    {
        var reviewer = await cluster.Review.ClientAsAsync("pharmacist-9", "reviewer", "Clinical pharmacist");
        await Eventually.Until(async () => (await reviewer.GetAsync($"/api/reviews/{reviewId}")).StatusCode == HttpStatusCode.OK,
            what: $"review {reviewId} to reach Review");
        var approved = await reviewer.PostAsJsonAsync($"/api/reviews/{reviewId}/approvals", new { comment = "Checked", referencesChecked = true });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
    }

    private static Task WaitForLiveRevisionAsync(Cluster cluster, int revision) =>
        Eventually.Until(async () =>
        {
            var response = await cluster.Search.Http.GetAsync($"/api/published/{Slug}");
            return response.IsSuccessStatusCode
                   && (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revision").GetInt32() == revision;
        }, what: $"Search to serve {Slug} revision {revision}");

    private static async Task<List<int>> ChangeFeedRevisionsAsync(Cluster cluster)
    {
        var feed = await cluster.Search.Http.GetFromJsonAsync<JsonElement>("/api/changes?limit=1000");
        return feed.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("slug").GetString() == Slug).Select(i => i.GetProperty("revision").GetInt32()).ToList();
    }

    public void Dispose() => _data.Dispose();
}
