using System.Globalization;
using StandardWebhooks;

namespace Publishing.Notifications.Webhooks;

/// <summary>
/// Signs a webhook the Standard Webhooks way: an HMAC-SHA256 over <c>id.timestamp.body</c> keyed by the
/// subscription's secret, carried in the <c>webhook-id</c>, <c>webhook-timestamp</c> and
/// <c>webhook-signature</c> headers, so a subscriber can check who sent it and refuse a replay.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The timestamp and signature headers' values.</summary>
    public static (string Timestamp, string Signature) Sign(string secret, string webhookId, DateTimeOffset timestamp, string body) =>
        (timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            new StandardWebhook(secret).Sign(webhookId, timestamp, body));

    /// <summary>Adds the three headers of a signed webhook to <paramref name="request"/>.</summary>
    public static void AddHeaders(HttpRequestMessage request, string secret, string webhookId, DateTimeOffset timestamp, string body)
    {
        var (unixTime, signature) = Sign(secret, webhookId, timestamp, body);
        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", unixTime);
        request.Headers.Add("webhook-signature", signature);
    }
}
