using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Publishing.Testing;
using Xunit;

namespace Publishing.EndToEnd.Tests;

/// <summary>The four services as separate hosts over a real RabbitMQ broker.</summary>
[Collection(RabbitMqFixture.Collection)]
public sealed class BackboneTests(RabbitMqFixture rabbit) : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task A_reviewed_drug_change_reaches_the_public_api_and_notifications()
    {
        await using var cluster = await Cluster.StartAsync(await rabbit.CreateVirtualHostAsync(), _data);
        var flow = new Workflow(cluster.Authoring, cluster.Review);

        var reviewId = await flow.CreateAndSubmitAsync("imatinib", "drug", Workflow.DrugFields("imatinib"));

        var reviewer = await cluster.Review.ClientAsAsync("pharmacist-1", "reviewer", "Clinical pharmacist");
        var pending = await Eventually.Until(
            () => reviewer.GetFromJsonAsync<JsonElement>("/api/reviews?status=pending"),
            list => list.EnumerateArray().Any(r => r.GetProperty("id").GetGuid() == reviewId),
            what: "the submission to appear in the pending review queue");
        Assert.Contains(pending.EnumerateArray(), r => r.GetProperty("slug").GetString() == "imatinib");

        // A new drug entry adds approvals and administration: a safety change, so two sign-offs.
        var first = await flow.ApproveAsync(reviewId, "pharmacist-1");
        Assert.Equal("pending", first.GetProperty("status").GetString());
        Assert.Equal(1, first.GetProperty("remaining").GetInt32());
        var second = await flow.ApproveAsync(reviewId, "oncologist-1", "Consultant medical oncologist");
        Assert.Equal("approved", second.GetProperty("status").GetString());

        var editor = await cluster.Authoring.ClientAsAsync("editor-1", "editor");
        await Eventually.Until(
            () => editor.GetFromJsonAsync<JsonElement>("/api/content/imatinib"),
            c => c.GetProperty("status").GetString() == "published",
            what: "Authoring to publish the approved revision");

        var published = await Eventually.Until(() => cluster.Search.Http.GetAsync("/api/published/imatinib"),
            r => r.StatusCode == HttpStatusCode.OK, what: "the public API to serve imatinib");
        var document = await published.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, document.GetProperty("revision").GetInt32());
        Assert.Equal("imatinib", document.GetProperty("fields").GetProperty("genericName").GetString());
        var qualifications = document.GetProperty("approvals").EnumerateArray()
            .Select(a => a.GetProperty("qualification").GetString() ?? "").Order().ToArray();
        Assert.Equal(new[] { "Clinical pharmacist", "Consultant medical oncologist" }, qualifications);

        var search = await Eventually.Until(() => cluster.Search.Http.GetFromJsonAsync<JsonElement>("/api/search?q=Glivec"),
            r => r.GetProperty("total").GetInt32() > 0, what: "the item to be searchable");
        Assert.Equal("imatinib", search.GetProperty("hits")[0].GetProperty("slug").GetString());

        var admin = await cluster.Notifications.ClientAsAsync("admin-1", "admin");
        await Eventually.Until(
            () => admin.GetFromJsonAsync<JsonElement>("/api/notifications/events?slug=imatinib"),
            events => events.EnumerateArray().Any(e => e.GetProperty("eventType").GetString() == "ContentPublished"),
            what: "Notifications to record ContentPublished");
    }

    [Fact]
    public async Task Search_indexing_catches_up_on_everything_published_while_it_was_stopped()
    {
        await using var cluster = await Cluster.StartAsync(await rabbit.CreateVirtualHostAsync(), _data);
        var flow = new Workflow(cluster.Authoring, cluster.Review);
        await cluster.Search.StopAsync();

        string[] slugs = ["gist-explained", "sarcoma-support", "tki-side-effects"];
        foreach (var slug in slugs) await flow.PublishArticleAsync(slug);

        // Review and Notifications carry on while Search indexing is down.
        var admin = await cluster.Notifications.ClientAsAsync("admin-1", "admin");
        foreach (var slug in slugs)
            await Eventually.Until(
                () => admin.GetFromJsonAsync<JsonElement>($"/api/notifications/events?slug={slug}"),
                events => events.EnumerateArray().Any(e => e.GetProperty("eventType").GetString() == "ContentPublished"),
                what: $"Notifications to record {slug} while search is down");

        await using var restarted = await cluster.StartSearchAsync();
        foreach (var slug in slugs)
            await Eventually.Until(async () => (await restarted.Http.GetAsync($"/api/published/{slug}")).StatusCode == HttpStatusCode.OK,
                what: $"the restarted search service to catch up on {slug}");
    }

    [Fact]
    public async Task Every_search_indexing_instance_keeps_a_complete_index()
    {
        await using var cluster = await Cluster.StartAsync(await rabbit.CreateVirtualHostAsync(), _data);
        await using var second = await cluster.StartSearchInstanceAsync("b");
        var flow = new Workflow(cluster.Authoring, cluster.Review);

        await flow.PublishArticleAsync("scale-out-check");

        foreach (var instance in new[] { cluster.Search, second })
            await Eventually.Until(async () => (await instance.Http.GetFromJsonAsync<JsonElement>("/api/search?q=scale")).GetProperty("total").GetInt32() == 1,
                what: $"instance {instance.Address} to index the article");
    }

    public void Dispose() => _data.Dispose();
}
