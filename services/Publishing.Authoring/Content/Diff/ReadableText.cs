using System.Globalization;
using System.Text.Json;
using static Publishing.Authoring.Content.Diff.JsonValues;

namespace Publishing.Authoring.Content.Diff;

/// <summary>
/// A value of a diff as people write it, not as JSON: a reference as a citation, an approval as
/// "NICE TA488: recommended", tags as "gist, dfsp", a list one item a line, dates as "1 November 2026".
/// </summary>
public static class ReadableText
{
    /// <summary>Lists of names, written on one line separated by commas; other lists take a line per item.</summary>
    private static readonly HashSet<string> NameLists = new(StringComparer.Ordinal) { "brandNames", "tags", "conditions", "relatedDrugs" };

    private static readonly Dictionary<string, string> Decisions = new(StringComparer.Ordinal)
    {
        ["cdf-only"] = "Cancer Drugs Fund only", ["not-recommended"] = "not recommended", ["not-appraised"] = "not appraised",
    };

    /// <summary>The text of <paramref name="value"/> at <paramref name="schema"/> (a path without item labels), or null for none.</summary>
    public static string? Of(string schema, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        JsonValueKind.String => Scalar(schema, value.GetString()!),
        JsonValueKind.Array => List(schema, value),
        JsonValueKind.Object => Item(schema, value),
        _ => value.GetRawText(),
    };

    private static string List(string schema, JsonElement list)
    {
        var items = list.EnumerateArray().Select(i => Of(schema, i) ?? "").ToList();
        return NameLists.Contains(schema) && list.EnumerateArray().All(i => i.ValueKind == JsonValueKind.String)
            ? string.Join(", ", items)
            : string.Join("\n", items.Select(i => "• " + i.Replace("\n", "\n  ")));
    }

    private static string Item(string schema, JsonElement item) => schema switch
    {
        "references" => Sentence(Str(item, "title"), Str(item, "publisher"),
            Str(item, "accessed") is { } accessed ? $"Accessed {Date(accessed)}" : null, Str(item, "url")),
        "approvals" => Approval(item),
        "indications" => Join(", ", Str(item, "condition"),
            Parenthesised(Join(", ", Str(item, "lineOfTherapy"), Str(item, "biomarker"), Str(item, "jurisdiction")))),
        "sections" => Join("\n\n", Str(item, "heading"), Str(item, "body")),
        _ => string.Join("\n", item.EnumerateObject()
            .Where(p => HasValue(p.Value))
            .Select(p => Labelled(Humanize(p.Name), Of(Child(schema, p.Name), p.Value) ?? ""))),
    };

    /// <summary>"Route: oral"; a value of several lines starts on the next line, indented.</summary>
    private static string Labelled(string label, string text) =>
        text.Contains('\n') ? $"{label}:\n  {text.Replace("\n", "\n  ")}" : $"{label}: {text}";

    private static string Approval(JsonElement item)
    {
        var body = Str(item, "body");
        var reference = Str(item, "reference");
        var who = reference is null ? body
            : body is not null && reference.StartsWith(body + " ", StringComparison.OrdinalIgnoreCase) ? reference
            : Join(" ", body, reference);
        var decision = Str(item, "decision") is { } d ? Scalar("approvals.decision", d) : null;
        var what = Join(", ", decision, Str(item, "date") is { } date ? Date(date) : null);
        return Sentence(Join(": ", who, what), Str(item, "url"));
    }

    private static string Scalar(string schema, string text)
    {
        var name = schema[(schema.LastIndexOf('.') + 1)..];
        if (name == "decision") return Decisions.GetValueOrDefault(text, text);
        return name is "date" or "accessed" ? Date(text) : text;
    }

    /// <summary>An ISO date as "1 November 2026", the format the public page uses; anything else as written.</summary>
    private static string Date(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)
            : text;

    private static string Child(string schema, string name) => schema.Length == 0 ? name : $"{schema}.{name}";

    /// <summary>The parts as sentences: each ends with a full stop, except a link.</summary>
    private static string Sentence(params string?[] parts) =>
        string.Join(" ", parts.OfType<string>().Select(p => p.Trim()).Where(p => p.Length > 0)
            .Select(p => p.EndsWith('.') || p.StartsWith("http", StringComparison.Ordinal) ? p : p + "."));

    private static string Join(string separator, params string?[] parts) =>
        string.Join(separator, parts.Where(p => !string.IsNullOrWhiteSpace(p)));

    private static string? Parenthesised(string text) => text.Length == 0 ? null : $"({text})";

    private static string Humanize(string camel)
    {
        var spaced = string.Concat(camel.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
        return spaced.Length == 0 ? spaced : char.ToUpperInvariant(spaced[0]) + spaced[1..];
    }
}
