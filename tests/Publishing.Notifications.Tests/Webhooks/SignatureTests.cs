using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Publishing.Notifications.Tests.Api;
using Publishing.Notifications.Webhooks;
using Publishing.Testing;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;
using Xunit;

namespace Publishing.Notifications.Tests.Webhooks;

public sealed class SignatureTests
{
    [Fact]
    public async Task A_published_change_arrives_signed_and_verifies_while_tampering_and_replay_do_not()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = new NotificationsApi(settings: new Dictionary<string, string?>
        {
            ["PublicBaseUrl"] = "https://medicines.example.org/",
        });
        var admin = await api.AdminAsync();
        var subscription = await admin.SubscribeAsync(receiver.Url);
        Assert.StartsWith("whsec_", subscription.Secret);
        Assert.Equal(32, Convert.FromBase64String(subscription.Secret["whsec_".Length..]).Length);

        await api.PublishAndWaitAsync(Sample.Published("regorafenib", revision: 4, changeClass: "safety", tags: ["gist"]));
        await receiver.WaitForAsync(1);
        var request = receiver.Requests[0];

        // The Standard Webhooks verifier accepts it as sent.
        new StandardWebhook(subscription.Secret).Verify(request.Body, request.Headers);
        Assert.StartsWith("msg_", request.WebhookId);
        Assert.StartsWith("v1,", request.Headers["webhook-signature"].ToString());
        Assert.StartsWith("application/json", request.Headers.ContentType.ToString());

        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.Equal("content.published", root.GetProperty("type").GetString());
        Assert.True(root.TryGetProperty("timestamp", out _));
        var data = root.GetProperty("data");
        Assert.Equal("regorafenib", data.GetProperty("slug").GetString());
        Assert.Equal("drug", data.GetProperty("contentType").GetString());
        Assert.Equal(4, data.GetProperty("revision").GetInt32());
        Assert.Equal("Title of regorafenib", data.GetProperty("title").GetString());
        Assert.Equal("safety", data.GetProperty("changeClass").GetString());
        Assert.Equal("Updated regorafenib from the SmPC", data.GetProperty("changeSummary").GetString());
        Assert.Equal("https://medicines.example.org/api/published/regorafenib", data.GetProperty("url").GetString());
        Assert.False(data.TryGetProperty("sample", out _)); // real content carries no sample mark

        // A tampered body fails.
        var tampered = request.Body.Replace("\"revision\":4", "\"revision\":5");
        Assert.NotEqual(request.Body, tampered);
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(subscription.Secret).Verify(tampered, request.Headers));

        // The same message correctly signed but six minutes old (a replay) fails.
        var old = DateTimeOffset.UtcNow.AddMinutes(-6);
        var (timestamp, signature) = WebhookSignature.Sign(subscription.Secret, request.WebhookId, old, request.Body);
        var replay = new HeaderDictionary
        {
            ["webhook-id"] = request.WebhookId,
            ["webhook-timestamp"] = timestamp,
            ["webhook-signature"] = signature,
        };
        var ex = Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(subscription.Secret).Verify(request.Body, replay));
        Assert.Contains("too old", ex.Message);

        // Another secret does not verify it either.
        Assert.Throws<WebhookVerificationException>(() =>
            new StandardWebhook(Subscriptions_Secret()).Verify(request.Body, request.Headers));

        // The log shows it delivered with one attempt.
        var deliveries = await Eventually(admin, subscription.Id, d => d[0].GetProperty("state").GetString() == "delivered");
        var delivery = deliveries[0];
        Assert.Equal(request.WebhookId, delivery.GetProperty("webhookId").GetString());
        Assert.Equal("content.published", delivery.GetProperty("event").GetString());
        Assert.Equal("regorafenib", delivery.GetProperty("slug").GetString());
        Assert.Equal(4, delivery.GetProperty("revision").GetInt32());
        var attempt = Assert.Single(delivery.GetProperty("attempts").EnumerateArray());
        Assert.Equal(200, attempt.GetProperty("status").GetInt32());
        Assert.True(attempt.GetProperty("durationMs").GetInt64() >= 0);
    }

    [Fact]
    public async Task Sample_content_is_marked_as_sample_in_the_webhook_so_no_site_shows_its_sign_off_as_real()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = new NotificationsApi();
        var admin = await api.AdminAsync();
        await admin.SubscribeAsync(receiver.Url);

        await api.PublishAndWaitAsync(Sample.Published("imatinib") with { Sample = true });
        await receiver.WaitForAsync(1);

        using var body = JsonDocument.Parse(receiver.Requests[0].Body);
        Assert.True(body.RootElement.GetProperty("data").GetProperty("sample").GetBoolean());
    }

    [Fact]
    public async Task The_exact_scheme_is_base64_hmac_sha256_of_id_timestamp_body_keyed_by_the_decoded_secret()
    {
        var key = new byte[32];
        Random.Shared.NextBytes(key);
        var secret = "whsec_" + Convert.ToBase64String(key);
        var at = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var (timestamp, signature) = WebhookSignature.Sign(secret, "msg_abc", at, "{\"a\":1}");

        var expected = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(
            key, System.Text.Encoding.UTF8.GetBytes("msg_abc.1700000000.{\"a\":1}")));
        Assert.Equal("1700000000", timestamp);
        Assert.Equal("v1," + expected, signature);
    }

    private static string Subscriptions_Secret() => Publishing.Notifications.Subscriptions.CreateSubscription.NewSecret();

    private static async Task<JsonElement[]> Eventually(HttpClient admin, Guid id, Func<JsonElement[], bool> done) =>
        await Publishing.Testing.Eventually.Until(
            async () => (await admin.DeliveriesAsync(id)).EnumerateArray().ToArray(),
            d => d.Length > 0 && done(d), what: "the delivery log");
}
