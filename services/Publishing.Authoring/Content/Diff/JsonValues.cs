using System.Text.Json;

namespace Publishing.Authoring.Content.Diff;

/// <summary>Reading the <c>fields</c> documents, where an absent property and a JSON null are the same.</summary>
internal static class JsonValues
{
    public static bool HasValue(JsonElement e) => e.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);

    public static bool Same(JsonElement a, JsonElement b) =>
        HasValue(a) && HasValue(b) ? JsonElement.DeepEquals(a, b) : HasValue(a) == HasValue(b);

    public static JsonElement Get(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v : default;

    public static string? Str(JsonElement e, string name) =>
        Get(e, name) is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;
}
