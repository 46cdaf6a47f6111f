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
    /// <summary>
    /// A required text: trimmed, empty when missing, so the API names the field. Line breaks are
    /// sent as "\n": browsers post a text area's breaks as "\r\n", which would otherwise make every
    /// save of an unchanged text a change.
    /// </summary>
    public static JsonNode Req(string? value) => JsonValue.Create(Lf(value).Trim());

    /// <summary>A text with its line breaks as "\n".</summary>
    public static string Lf(string? value) => (value ?? "").Replace("\r\n", "\n").Replace('\r', '\n');

    /// <summary>A required one-line text typed in a text area: line breaks and tabs become spaces.</summary>
    public static JsonNode Line(string? value) =>
        Req(string.Join(' ', (value ?? "").Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));

    /// <summary>An optional text: left out when blank.</summary>
    public static JsonNode? Opt(string? value) => string.IsNullOrWhiteSpace(value) ? null : JsonValue.Create(Lf(value).Trim());

    /// <summary>A comma-separated text as a list of trimmed, non-empty strings.</summary>
    public static JsonArray List(string? commaSeparated) => new(
        (commaSeparated ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
}
