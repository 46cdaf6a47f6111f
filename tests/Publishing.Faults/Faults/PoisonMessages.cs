using System.Text;
using System.Text.Json;
using RabbitMQ.Client;

namespace Publishing.Faults.Faults;

/// <summary>
/// Messages no service published, sent straight to the <c>ContentPublished</c> exchange as a broken or hostile
/// producer would: each must end in an error queue with no effect, while real publications flow past it.
/// </summary>
public static class PoisonMessages
{
    public const string Exchange = "Publishing.Contracts:ContentPublished";
    private const string EnvelopeContentType = "application/vnd.masstransit+json";

    /// <summary>One malformed message: what it is, the slug it names (if any) and its body.</summary>
    public sealed record Poison(string Kind, string? Slug, string ContentType, byte[] Body);

    /// <summary>Messages no consumer can read: not JSON, a content type nobody speaks, a field of the wrong type.</summary>
    public static IReadOnlyList<Poison> Unreadable(string prefix) =>
    [
        new("not JSON", null, EnvelopeContentType, Encoding.UTF8.GetBytes("{{{ this is not json")),
        new("unknown content type", null, "text/plain", Encoding.UTF8.GetBytes("publish everything")),
        new("revision of the wrong type", $"{prefix}-wrong-type", EnvelopeContentType, Envelope(Message($"{prefix}-wrong-type", revision: "three"))),
    ];

    /// <summary>Readable messages that break the contract: no title, no fields, a slug that is not one. Each names its own slug.</summary>
    public static IReadOnlyList<Poison> Malformed(string prefix) =>
    [
        new("no title", $"{prefix}-no-title", EnvelopeContentType, Envelope(Message($"{prefix}-no-title", title: null))),
        new("no fields", $"{prefix}-no-fields", EnvelopeContentType, Envelope(Message($"{prefix}-no-fields", withFields: false))),
        new("a slug that is not a slug", $"{prefix.ToUpperInvariant()}/../NOT A SLUG", EnvelopeContentType, Envelope(Message($"{prefix.ToUpperInvariant()}/../NOT A SLUG"))),
    ];

    public static async Task PublishAsync(Uri broker, IEnumerable<Poison> poisons)
    {
        var factory = new ConnectionFactory { Uri = broker, ClientProvidedName = "fault-suite-poison" };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        foreach (var poison in poisons)
        {
            var properties = new BasicProperties { Persistent = true, ContentType = poison.ContentType, MessageId = Guid.NewGuid().ToString() };
            await channel.BasicPublishAsync(Exchange, "", mandatory: false, properties, poison.Body);
        }
    }

    private static Dictionary<string, object?> Message(string slug, object? revision = null, string? title = "A title", bool withFields = true)
    {
        var now = DateTimeOffset.UtcNow;
        return new Dictionary<string, object?>
        {
            ["contentId"] = Guid.NewGuid(),
            ["slug"] = slug,
            ["revision"] = revision ?? 1,
            ["occurredAt"] = now,
            ["contentType"] = "drug",
            ["title"] = title,
            ["fields"] = withFields ? new { genericName = slug } : null,
            ["tags"] = Array.Empty<string>(),
            ["changeClass"] = "editorial",
            ["changeSummary"] = "Not from Authoring",
            ["reason"] = "editorial",
            ["authorId"] = "nobody",
            ["authorName"] = "Nobody",
            ["approvals"] = Array.Empty<object>(),
            ["firstPublished"] = now,
            ["lastModified"] = now,
            ["contentHash"] = "not-a-hash",
        };
    }

    private static byte[] Envelope(Dictionary<string, object?> message) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        messageId = Guid.NewGuid(),
        messageType = new[] { "urn:message:Publishing.Contracts:ContentPublished", "urn:message:Publishing.Contracts:IContentChanged" },
        message,
        sentTime = DateTimeOffset.UtcNow,
        headers = new { },
    });
}
