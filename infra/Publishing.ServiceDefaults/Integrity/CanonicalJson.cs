using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Publishing.ServiceDefaults.Integrity;

/// <summary>
/// A stable text form of a JSON document (object keys sorted by ordinal, no whitespace) and its
/// SHA-256, so a subscriber (or a search rebuild) can recompute the hash of what was approved and compare.
/// </summary>
public static class CanonicalJson
{
    public static string Serialize(JsonElement element)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
            Write(writer, element);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string Sha256(JsonElement element) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Serialize(element))));

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) Write(writer, item);
                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
