namespace Publishing.Notifications.Data;

public static class SubscriptionStates
{
    public const string Active = "active";
    public const string Disabled = "disabled";
}

/// <summary>A downstream site's webhook: where to send which events, and the secret that signs them.</summary>
public sealed class Subscription
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string Url { get; set; }

    /// <summary>The event types (<c>content.published</c>, ...), a JSON array.</summary>
    public required string Events { get; set; }

    /// <summary>Filters, each a JSON array of strings; empty matches everything.</summary>
    public string FilterTypes { get; set; } = "[]";
    public string FilterSlugs { get; set; } = "[]";
    public string FilterTags { get; set; } = "[]";

    /// <summary>
    /// The signing secret (<c>whsec_</c> + base64 of 32 random bytes), encrypted by
    /// <see cref="Webhooks.WebhookSecrets"/>; decrypted only to sign, never returned after creation.
    /// </summary>
    public required string Secret { get; set; }

    public required string OwnerId { get; set; }
    public required string OwnerName { get; set; }
    public string? OwnerEmail { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public string State { get; set; } = SubscriptionStates.Active;
    public DateTimeOffset? DisabledAt { get; set; }
    public string? DisabledReason { get; set; }

    /// <summary>The first failed attempt since the last success; five days of that disables the subscription.</summary>
    public DateTimeOffset? FailingSince { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }

    public static string Join(IEnumerable<string> values) => System.Text.Json.JsonSerializer.Serialize(values.ToArray());

    public static string[] Split(string joined) =>
        string.IsNullOrEmpty(joined) ? [] : System.Text.Json.JsonSerializer.Deserialize<string[]>(joined) ?? [];
}
