using System.Text.Json;
using Publishing.Authoring.Data;
using Publishing.Contracts;

namespace Publishing.Authoring.Content;

public static class ChangeClasses
{
    public const string Editorial = "editorial";
    public const string Clinical = "clinical";
    public const string Safety = "safety";

    private static readonly string[] Order = [Editorial, Clinical, Safety];

    public static bool IsKnown(string? value) => value is not null && Order.Contains(value);
    public static int Rank(string value) => Array.IndexOf(Order, value);
    public static string Max(string a, string b) => Rank(a) >= Rank(b) ? a : b;

    /// <summary>Approvals each class needs (domain.md): safety needs two distinct reviewers.</summary>
    public static int RequiredApprovals(string changeClass) => changeClass == Safety ? 2 : 1;

    private static readonly HashSet<string> DrugSafetyFields = ["approvals", "administration"];
    private static readonly HashSet<string> DrugEditorialFields = ["genericName", "brandNames", "tags"];
    private static readonly HashSet<string> ArticleClinicalFields = ["sections", "relatedDrugs"];

    /// <summary>
    /// The top-level fields that differ from <paramref name="before"/> (the published fields, or
    /// null for a first publication) to <paramref name="after"/>, each with its change class.
    /// </summary>
    public static List<FieldChange> Diff(string type, JsonElement? before, JsonElement after) =>
        ChangedFields(before, after)
            .Order(StringComparer.Ordinal)
            .Select(field =>
            {
                var b = Get(before, field);
                var a = Get(after, field);
                var kind = b.ValueKind == JsonValueKind.Undefined ? "added" : a.ValueKind == JsonValueKind.Undefined ? "removed" : "changed";
                var fieldClass = type == ContentTypes.Drug ? DrugFieldClass(field, before, after) : ArticleFieldClass(field);
                return new FieldChange(field, kind, Raw(b), Raw(a), fieldClass);
            })
            .ToList();

    public static string Classify(IEnumerable<FieldChange> changes) =>
        changes.Select(c => c.ChangeClass).Aggregate(Editorial, Max);

    private static string? Raw(JsonElement e) => e.ValueKind == JsonValueKind.Undefined ? null : e.GetRawText();

    private static string DrugFieldClass(string field, JsonElement? before, JsonElement after)
    {
        if (DrugSafetyFields.Contains(field)) return Safety;
        if (field == "sideEffects" && !SameProperty(before, after, "sideEffects", "serious")) return Safety;
        if (field == "indications" && before is { } b && Count(b, "indications") > Count(after, "indications")) return Safety;
        return DrugEditorialFields.Contains(field) ? Editorial : Clinical;
    }

    private static string ArticleFieldClass(string field) => ArticleClinicalFields.Contains(field) ? Clinical : Editorial;

    private static IEnumerable<string> ChangedFields(JsonElement? before, JsonElement after)
    {
        var names = new HashSet<string>();
        foreach (var p in after.EnumerateObject()) names.Add(p.Name);
        if (before is { ValueKind: JsonValueKind.Object } b)
            foreach (var p in b.EnumerateObject()) names.Add(p.Name);
        return names.Where(n => !Same(Get(before, n), Get(after, n)));
    }

    private static bool SameProperty(JsonElement? before, JsonElement after, string field, string inner) =>
        Same(Get(Get(before, field), inner), Get(Get(after, field), inner));

    private static bool Same(JsonElement a, JsonElement b) =>
        a.ValueKind == JsonValueKind.Undefined || b.ValueKind == JsonValueKind.Undefined
            ? a.ValueKind == b.ValueKind
            : JsonElement.DeepEquals(a, b);

    private static JsonElement Get(JsonElement? e, string name) =>
        e is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var v) ? v : default;

    private static int Count(JsonElement e, string name) =>
        Get(e, name) is { ValueKind: JsonValueKind.Array } a ? a.GetArrayLength() : 0;
}
