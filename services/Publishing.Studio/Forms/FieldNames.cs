using System.Text.RegularExpressions;

namespace Publishing.Studio.Forms;

/// <summary>
/// Fields named as an editor would say them ("serious side effects", "food advice"), for sentences
/// such as "Safety because serious side effects changed". Paths may carry <c>fields.</c>, item names
/// or indices (<c>fields.sideEffects.serious[4]</c>, <c>approvals[NICE TA488].decision</c>).
/// </summary>
public static partial class FieldNames
{
    private static readonly Dictionary<string, string> Plain = new(StringComparer.Ordinal)
    {
        ["title"] = "the title", ["genericName"] = "the generic name", ["brandNames"] = "brand names",
        ["drugClass"] = "the drug class", ["mechanism"] = "how it works", ["indications"] = "indications",
        ["administration"] = "administration", ["administration.route"] = "the route", ["administration.form"] = "the form",
        ["administration.dose"] = "the dose", ["administration.schedule"] = "the schedule", ["administration.foodAdvice"] = "food advice",
        ["sideEffects"] = "side effects", ["sideEffects.common"] = "common side effects", ["sideEffects.serious"] = "serious side effects",
        ["sideEffects.contactTeamIf"] = "when to contact the team", ["approvals"] = "approvals", ["evidenceNotes"] = "evidence notes",
        ["references"] = "references", ["tags"] = "tags", ["summary"] = "the summary", ["sections"] = "sections",
        ["sections.body"] = "section text", ["sections.heading"] = "section headings", ["relatedDrugs"] = "related drugs",
        ["conditions"] = "conditions",
    };

    /// <summary>The plain name of the field at <paramref name="path"/>, or of the nearest named field above it.</summary>
    public static string Of(string path)
    {
        var schema = ItemKey().Replace(path.StartsWith("fields.", StringComparison.Ordinal) ? path[7..] : path, "");
        for (var s = schema; s.Length > 0; s = s.Contains('.') ? s[..s.LastIndexOf('.')] : "")
            if (Plain.TryGetValue(s, out var name)) return name;
        return Field.Describe(path).ToLowerInvariant();
    }

    /// <summary>The same, starting with a capital ("Food advice").</summary>
    public static string Heading(string path)
    {
        var name = Of(path);
        if (name.StartsWith("the ", StringComparison.Ordinal)) name = name[4..];
        return name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];
    }

    /// <summary>"serious side effects, food advice and approvals".</summary>
    public static string List(IEnumerable<string> paths)
    {
        var names = paths.Select(Of).Distinct(StringComparer.Ordinal).ToList();
        return names.Count <= 1 ? names.FirstOrDefault() ?? "" : string.Join(", ", names.SkipLast(1)) + " and " + names[^1];
    }

    [GeneratedRegex(@"\[.*?\](?=\.|$)")]
    private static partial Regex ItemKey();
}
