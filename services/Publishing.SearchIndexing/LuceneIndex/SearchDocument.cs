using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Publishing.SearchIndexing.LuceneIndex;

/// <summary>What the index holds for one published item.</summary>
public sealed partial record SearchDocument
{
    public const string Drug = "drug";
    public const string Article = "article";

    public required string Slug { get; init; }
    /// <summary><see cref="Drug"/> or <see cref="Article"/>.</summary>
    public required string Type { get; init; }
    public required string Title { get; init; }
    public int Revision { get; init; }
    public string? GenericName { get; init; }
    public IReadOnlyList<string> BrandNames { get; init; } = [];
    public string? DrugClass { get; init; }
    /// <summary>A drug's indication conditions; an article's conditions.</summary>
    public IReadOnlyList<string> Conditions { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>All other searchable text, plain (markdown emphasis, bullets and links removed).</summary>
    public string Body { get; init; } = "";

    /// <summary>
    /// Extracts a document from the stored JSON of a published revision (the type-specific fields and the
    /// tag array). Missing or malformed parts are treated as empty.
    /// </summary>
    public static SearchDocument From(string slug, string type, string title, int revision, string? fieldsJson, string? tagsJson)
    {
        var fields = ParseObject(fieldsJson);
        var tags = new List<string>();
        if (ParseRoot(tagsJson) is { ValueKind: JsonValueKind.Array } tagArray) AddStrings(tags, tagArray);
        AddStrings(tags, Prop(fields, "tags"));

        var body = new List<string>();
        string? generic = null, drugClass = null;
        var brands = new List<string>();
        var conditions = new List<string>();

        switch (type)
        {
            case Drug:
                generic = Str(fields, "genericName");
                AddStrings(brands, Prop(fields, "brandNames"));
                drugClass = Str(fields, "drugClass");
                Add(body, Str(fields, "mechanism"));
                if (Prop(fields, "indications") is { ValueKind: JsonValueKind.Array } indications)
                {
                    foreach (var indication in indications.EnumerateArray())
                    {
                        Add(conditions, Str(indication, "condition"));
                        Add(body, Join(Str(indication, "condition"), Str(indication, "lineOfTherapy"), Str(indication, "biomarker")));
                    }
                }
                AddLeaves(body, Prop(fields, "administration"));
                AddLeaves(body, Prop(fields, "sideEffects"));
                Add(body, Str(fields, "evidenceNotes"));
                break;
            case Article:
                Add(body, Str(fields, "summary"));
                if (Prop(fields, "sections") is { ValueKind: JsonValueKind.Array } sections)
                {
                    foreach (var section in sections.EnumerateArray())
                    {
                        Add(body, Str(section, "heading"));
                        Add(body, Str(section, "body"));
                    }
                }
                AddStrings(conditions, Prop(fields, "conditions"));
                break;
            default:
                // An unknown type still gets all its text searchable.
                AddLeaves(body, fields);
                break;
        }

        return new SearchDocument
        {
            Slug = slug,
            Type = type,
            Title = title,
            Revision = revision,
            GenericName = generic,
            BrandNames = Distinct(brands),
            DrugClass = drugClass,
            Conditions = Distinct(conditions),
            Tags = Distinct(tags),
            Body = PlainText(string.Join("\n", body)),
        };
    }

    private static JsonElement? ParseRoot(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonElement? ParseObject(string? json) =>
        ParseRoot(json) is { ValueKind: JsonValueKind.Object } root ? root : null;

    private static JsonElement? Prop(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } obj && obj.TryGetProperty(name, out var value) ? value : null;

    private static string? Str(JsonElement? element, string name) =>
        Prop(element, name) is { ValueKind: JsonValueKind.String } s && !string.IsNullOrWhiteSpace(s.GetString()) ? s.GetString()!.Trim() : null;

    private static void Add(List<string> into, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value)) into.Add(value.Trim());
    }

    private static void AddStrings(List<string> into, JsonElement? array)
    {
        if (array is not { ValueKind: JsonValueKind.Array } a) return;
        foreach (var item in a.EnumerateArray())
            if (item.ValueKind == JsonValueKind.String) Add(into, item.GetString());
    }

    /// <summary>Every string in an object or array, depth-first, except links.</summary>
    private static void AddLeaves(List<string> into, JsonElement? element)
    {
        switch (element)
        {
            case { ValueKind: JsonValueKind.String } s:
                var text = s.GetString();
                if (text is not null && !text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                    Add(into, text);
                break;
            case { ValueKind: JsonValueKind.Array } a:
                foreach (var item in a.EnumerateArray()) AddLeaves(into, item);
                break;
            case { ValueKind: JsonValueKind.Object } o:
                foreach (var p in o.EnumerateObject()) AddLeaves(into, p.Value);
                break;
        }
    }

    private static string? Join(params string?[] parts)
    {
        var present = parts.Where(p => !string.IsNullOrWhiteSpace(p)).ToArray();
        return present.Length == 0 ? null : string.Join(", ", present);
    }

    private static IReadOnlyList<string> Distinct(List<string> values) =>
        values.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

    /// <summary>Drops the bits of markdown that would show up literally in a snippet.</summary>
    internal static string PlainText(string markdown)
    {
        var text = MarkdownLink().Replace(markdown, "$1");
        text = Emphasis().Replace(text, "");
        text = Bullet().Replace(text, "");
        var sb = new StringBuilder(text.Length);
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0) continue;
            if (sb.Length > 0) sb.Append('\n');
            sb.Append(trimmed);
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"\[([^\]]+)\]\([^)\s]+\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"\*\*|__|`")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"^\s*(?:[-*+]|\d+\.|#{1,6})\s+", RegexOptions.Multiline)]
    private static partial Regex Bullet();
}
