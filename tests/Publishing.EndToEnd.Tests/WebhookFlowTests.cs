using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Publishing.Notifications.Data;
using Publishing.Testing;
using Xunit;

namespace Publishing.EndToEnd.Tests;

/// <summary>Domain scenarios 1 and 2 from a subscriber's side: signed webhooks over the real broker.</summary>
[Collection(RabbitMqFixture.Collection)]
public sealed class WebhookFlowTests(RabbitMqFixture rabbit) : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task A_regorafenib_subscriber_gets_signed_published_and_withdrawn_webhooks_and_nothing_about_imatinib()
    {
        await using var cluster = await Cluster.StartAsync(await rabbit.CreateVirtualHostAsync(), _data);
        await using var receiver = await WebhookReceiver.StartAsync();

        var admin = await cluster.Notifications.ClientAsAsync("admin-1", "admin");
        var created = await admin.PostAsJsonAsync("/api/subscriptions", new
        {
            name = "Hospital formulary", url = receiver.Url, events = new[] { "content.published", "content.withdrawn" },
            filter = new { slugs = new[] { "regorafenib" } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var subscription = await created.Content.ReadFromJsonAsync<JsonElement>();
        var secret = subscription.GetProperty("secret").GetString()!;

        var editor = await cluster.Authoring.ClientAsAsync("editor-1", "editor");
        await ReviewFlowTests.PublishSample(cluster, editor, "imatinib");
        await ReviewFlowTests.PublishSample(cluster, editor, "regorafenib");
        var reviewer = await cluster.Authoring.ClientAsAsync("pharmacist-1", "reviewer", "Clinical pharmacist");
        Assert.Equal(HttpStatusCode.Accepted, (await reviewer.PostAsJsonAsync("/api/content/regorafenib/withdrawal",
            new { reason = "Test withdrawal of the whole entry." })).StatusCode);

        await receiver.WaitForAsync(2);
        // Nothing more can arrive once Notifications has decided on imatinib's publication (it remembers
        // the slug in the transaction that queues its deliveries) and none of this subscription's is pending.
        await Eventually.Until(() => NotificationsKnowsAsync(cluster, "imatinib"), what: "Notifications to handle imatinib's publication");
        await Eventually.Until(async () => (await admin.GetFromJsonAsync<JsonElement>($"/api/subscriptions/{subscription.GetProperty("id").GetGuid()}/deliveries"))
            .EnumerateArray().All(d => d.GetProperty("state").GetString() == "delivered"), what: "every delivery to the subscriber to be delivered");
        var received = receiver.Requests;
        // Deliveries are sent in parallel, so their order is not guaranteed; sites order by revision and timestamp.
        Assert.Equal(["content.published", "content.withdrawn"], received.Select(h => Type(h)).Order().ToArray());
        received = received.OrderBy(h => Type(h)).ToList();
        Assert.All(received, h => Assert.Equal("regorafenib", Data(h).GetProperty("slug").GetString()));
        Assert.Equal("safety", Data(received[0]).GetProperty("changeClass").GetString());
        Assert.All(received, h => Assert.True(SignatureValid(h, secret), "the Standard Webhooks signature must verify"));
    }

    private static async Task<bool> NotificationsKnowsAsync(Cluster cluster, string slug)
    {
        await using var scope = cluster.Notifications.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().KnownContent.AnyAsync(k => k.Slug == slug);
    }

    private static string Type(ReceivedRequest h) => JsonDocument.Parse(h.Body).RootElement.GetProperty("type").GetString()!;

    private static JsonElement Data(ReceivedRequest h) => JsonDocument.Parse(h.Body).RootElement.GetProperty("data").Clone();

    /// <summary>The Standard Webhooks scheme: v1,base64(HMAC-SHA256(secret, "id.timestamp.body")).</summary>
    private static bool SignatureValid(ReceivedRequest h, string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signed = $"{h.WebhookId}.{h.Headers["webhook-timestamp"]}.{h.Body}";
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(signed)));
        return h.Headers["webhook-signature"].ToString().Split(' ').Contains(expected);
    }

    public void Dispose() => _data.Dispose();
}
