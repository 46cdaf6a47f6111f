using System.Text.Json;

namespace Publishing.Studio.Forms;

/// <summary>A field's value as the API sends it in a merge conflict (JSON text), as lines a person reads.</summary>
public static class JsonDisplay
{
    /// <summary>A text as itself, a list as one line per item, an object as "Name: value" lines; none for null.</summary>
    public static IReadOnlyList<string> Lines(string? json)
    {
        if (json is null) return [];
        JsonElement e;
        try
        {
            using var doc = JsonDocument.Parse(json);
            e = doc.RootElement.Clone();
        }
        catch (JsonException) { return [json]; }
        return e.ValueKind switch
        {
            JsonValueKind.Array => e.EnumerateArray().Select(Line).ToList(),
            JsonValueKind.Object => e.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null)
                .Select(p => $"{Field.Describe(p.Name)}: {Line(p.Value)}").ToList(),
            _ => [Line(e)],
        };
    }

    private static string Line(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString()!,
        JsonValueKind.Object => string.Join("; ", e.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null)
            .Select(p => $"{Field.Describe(p.Name)}: {Line(p.Value)}")),
        JsonValueKind.Array => string.Join(", ", e.EnumerateArray().Select(Line)),
        _ => e.GetRawText(),
    };
}
