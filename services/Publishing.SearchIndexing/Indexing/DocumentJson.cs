using System.Text.Json;
using Publishing.Contracts;

namespace Publishing.SearchIndexing.Indexing;

/// <summary>How the JSON columns of a <see cref="Data.PublishedDocument"/> are written and read.</summary>
internal static class DocumentJson
{
    public static string Write<T>(T value) => JsonSerializer.Serialize(value, JsonSerializerOptions.Web);

    public static IReadOnlyList<Approval> Approvals(string json) =>
        JsonSerializer.Deserialize<List<Approval>>(json, JsonSerializerOptions.Web) ?? [];

    public static IReadOnlyList<string> Tags(string json) =>
        JsonSerializer.Deserialize<List<string>>(json, JsonSerializerOptions.Web) ?? [];

    public static JsonElement Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }
}
