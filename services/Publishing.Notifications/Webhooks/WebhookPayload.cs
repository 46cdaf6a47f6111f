using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

using Publishing.ServiceDefaults.Hosting;

namespace Publishing.Notifications.Webhooks;

/// <summary>The body of a webhook: <c>{type, timestamp, data}</c> as in docs/api.md.</summary>
public sealed record WebhookEvent(string Type, DateTimeOffset Timestamp, WebhookData Data);

/// <summary>What changed. Fields that do not apply to an event type are left out.</summary>
public sealed record WebhookData(
    Guid ContentId,
    string Slug,
    string ContentType,
    int Revision,
    string Title,
    string? ChangeClass,
    string? ChangeSummary,
    string Url,
    string? Reason = null,
    IReadOnlyList<string>? Tags = null,
    DateTimeOffset? LastReviewed = null,
    DateTimeOffset? NextReviewDue = null,
    string? ContentHash = null,
    // True only for the demo's sample content, whose sign-off is sample data; absent for real content.
    bool? Sample = null,
    // The release the change went live in (its other members went live at the same moment); absent otherwise.
    Guid? ReleaseId = null);

public static class WebhookPayload
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(WebhookEvent e) => JsonSerializer.Serialize(e, Json);

    /// <summary>The public URL of a published item: <c>{PublicBaseUrl}/api/published/{slug}</c>.</summary>
    public static string PublishedUrl(PublicOrigin origin, string slug) =>
        origin.Link($"api/published/{Uri.EscapeDataString(slug)}").AbsoluteUri;

    /// <summary>
    /// <c>msg_</c> and 32 hex digits derived from the broker message and the subscription, so the same
    /// event for the same subscription always has the same webhook-id.
    /// </summary>
    public static string WebhookId(Guid messageId, Guid subscriptionId)
    {
        Span<byte> input = stackalloc byte[32];
        messageId.TryWriteBytes(input[..16]);
        subscriptionId.TryWriteBytes(input[16..]);
        var hash = SHA256.HashData(input);
        return "msg_" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
