using System.Text.Json;
using System.Text.Json.Nodes;
using Publishing.Authoring.Content.Diff;
using Publishing.Contracts;

namespace Publishing.Authoring.Tests.Diff;

/// <summary>
/// The fixtures of the ContentDiff tests: a sample entry from Seed/, a copy of its fields edited,
/// the diff between the two, and the edits themselves (reordering, setting a dotted path, finding an item).
/// </summary>
internal static class SeedEdits
{
    internal const string Article = "targeted-therapy-soft-tissue-sarcoma";

    internal static JsonObject Load(string slug) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Seed", $"{slug}.json")))!.AsObject();

    internal static JsonElement Fields(JsonObject seed, Action<JsonObject>? edit = null)
    {
        var fields = seed["fields"]!.DeepClone().AsObject();
        edit?.Invoke(fields);
        return JsonSerializer.SerializeToElement(fields);
    }

    /// <summary>The seed and its fields after <paramref name="edit"/>.</summary>
    internal static (JsonObject Seed, JsonElement After) Edit(string slug, Action<JsonObject> edit)
    {
        var seed = Load(slug);
        return (seed, Fields(seed, edit));
    }

    internal static IReadOnlyList<FieldChange> Diff(JsonObject seed, JsonElement after) =>
        ContentDiff.Compute((string)seed["type"]!, Fields(seed), after);

    internal static IEnumerable<(string Path, string Kind, string ChangeClass)> Summary(IEnumerable<FieldChange> changes) =>
        changes.Select(c => (c.Path, c.Kind, c.ChangeClass)).OrderBy(c => c.Path, StringComparer.Ordinal);

    internal static JsonElement Parse(string? json) => JsonDocument.Parse(json!).RootElement.Clone();

    internal static JsonObject Approval(JsonObject fields, string body) =>
        fields["approvals"]!.AsArray().Single(a => (string)a!["body"]! == body)!.AsObject();

    internal static JsonObject Section(JsonObject fields, string heading) =>
        fields["sections"]!.AsArray().Single(s => (string)s!["heading"]! == heading)!.AsObject();

    /// <summary>A dotted path with numeric array indices, e.g. <c>sections.1.body</c>.</summary>
    internal static JsonNode Navigate(JsonNode node, string path) =>
        path.Split('.').Aggregate(node, (n, part) => int.TryParse(part, out var i) ? n[i]! : n[part]!);

    /// <summary>Sets (or, for a numeric last part, replaces the item at) a dotted path.</summary>
    internal static void Set(JsonObject fields, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var parent = parts.Length == 1 ? fields : Navigate(fields, string.Join('.', parts[..^1]));
        if (int.TryParse(parts[^1], out var i)) parent[i] = value;
        else parent[parts[^1]] = value;
    }

    internal static void Reverse(JsonArray array)
    {
        var items = array.Select(n => n?.DeepClone()).Reverse().ToList();
        array.Clear();
        foreach (var item in items) array.Add(item);
    }

    internal static void ReverseEverything(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array:
                Reverse(array);
                foreach (var item in array) ReverseEverything(item);
                break;
            case JsonObject obj:
                var properties = obj.Select(p => (p.Key, Value: p.Value?.DeepClone())).Reverse().ToList();
                obj.Clear();
                foreach (var (key, value) in properties) obj[key] = value;
                foreach (var (_, value) in obj) ReverseEverything(value);
                break;
        }
    }

    internal static void ReverseEverything(JsonObject fields) => ReverseEverything((JsonNode)fields);
}
