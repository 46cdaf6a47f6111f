using System.Text;
using RabbitMQ.Client;

namespace Publishing.Messaging.ErrorQueues;

/// <summary>A message waiting in an error queue, as an operator reads it: why it failed, where, and what it says.</summary>
public sealed record ParkedMessage(
    string? MessageId,
    string? MessageType,
    string? ExceptionType,
    string? ExceptionMessage,
    string? StackTrace,
    string? ConsumerType,
    string? FaultedAt,
    string? Reason,
    IReadOnlyDictionary<string, string> Headers,
    string? ContentType,
    string Body,
    string BodyEncoding)
{
    /// <summary>The headers MassTransit adds when it moves a message to an error queue, dropped when it is re-driven.</summary>
    public static bool IsFaultHeader(string name) =>
        name.StartsWith("MT-Fault-", StringComparison.Ordinal) || name == "MT-Reason" || name.StartsWith("MT-Host-", StringComparison.Ordinal);

    public static ParkedMessage From(IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body)
    {
        var headers = (properties.Headers ?? new Dictionary<string, object?>())
            .ToDictionary(h => h.Key, h => Text(h.Value), StringComparer.Ordinal);
        string? Header(string name) => headers.GetValueOrDefault(name);
        var (text, encoding) = Decode(body.Span);
        return new ParkedMessage(
            properties.MessageId, properties.Type ?? Header("MT-MessageType"), Header("MT-Fault-ExceptionType"), Header("MT-Fault-Message"),
            Header("MT-Fault-StackTrace"), Header("MT-Fault-ConsumerType"), Header("MT-Fault-Timestamp"), Header("MT-Reason"),
            headers, properties.ContentType, text, encoding);
    }

    /// <summary>AMQP header values: text arrives as bytes, lists and tables nested.</summary>
    private static string Text(object? value) => value switch
    {
        null => "",
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        AmqpTimestamp t => DateTimeOffset.FromUnixTimeSeconds(t.UnixTime).ToString("O"),
        IEnumerable<object?> list when value is not string => "[" + string.Join(", ", list.Select(Text)) + "]",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    private static (string Text, string Encoding) Decode(ReadOnlySpan<byte> body)
    {
        try
        {
            return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body), "utf-8");
        }
        catch (DecoderFallbackException)
        {
            return (Convert.ToBase64String(body), "base64");
        }
    }
}
