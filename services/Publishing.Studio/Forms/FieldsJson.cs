using System.Text.Json;
using System.Text.Json.Nodes;

namespace Publishing.Studio.Forms;

/// <summary>Reads the API's <c>fields</c> JSON leniently: what is missing reads as null or empty, a value of another kind as its JSON text.</summary>
internal static class JsonRead
{
    public static JsonElement Get(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v : default;

    public static string? Str(this JsonElement e, string name)
    {
        var v = e.Get(name);
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Undefined or JsonValueKind.Null => null,
            _ => v.GetRawText(),
        };
    }

    public static IEnumerable<JsonElement> Items(this JsonElement e, string name)
    {
        var v = e.Get(name);
        return v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().ToList() : [];
    }

    public static IEnumerable<string> Strings(this JsonElement e, string name) =>
        e.Items(name).Select(x => x.ValueKind == JsonValueKind.String ? x.GetString() ?? "" : x.GetRawText());
}

/// <summary>Writes what the editor typed as the API's <c>fields</c> JSON.</summary>
internal static class JsonWrite
{
    /// <summary>A required text: trimmed, empty when missing, so the API names the field.</summary>
    public static JsonNode Req(string? value) => JsonValue.Create((value ?? "").Trim());

    /// <summary>An optional text: left out when blank.</summary>
    public static JsonNode? Opt(string? value) => string.IsNullOrWhiteSpace(value) ? null : JsonValue.Create(value.Trim());

    /// <summary>A comma-separated text as a list of trimmed, non-empty strings.</summary>
    public static JsonArray List(string? commaSeparated) => new(
        (commaSeparated ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
}
