using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Publishing.Authoring.Content.Diff;
using Publishing.Contracts;
using static Publishing.Authoring.Content.Diff.JsonValues;

namespace Publishing.Authoring.Content.Merge;

/// <summary>One version of an item as the merge sees it: its title and its fields.</summary>
public sealed record MergeSide(string Title, JsonElement Fields);

/// <summary>A field both editors changed, differently. Values are compact JSON (null when absent).</summary>
/// <param name="ChangeClass">The class of their change (base to theirs): a safety one is never replaced silently.</param>
public sealed record MergeConflict(string Path, string? Base, string? Theirs, string? Mine, string ChangeClass);

/// <summary>A field both changed that was settled by the editor's choice (<c>mine</c> or <c>theirs</c>).</summary>
public sealed record MergeChoice(string Path, string Choice, string ChangeClass);

/// <param name="KeptTheirs">Fields only they changed, kept.</param>
/// <param name="AppliedMine">Fields only you changed, applied.</param>
/// <param name="Conflicts">Fields both changed with no choice given: nothing may be saved until each is chosen.</param>
/// <param name="Choices">Fields both changed, settled by a choice.</param>
public sealed record MergeResult(
    MergeSide Merged, IReadOnlyList<string> KeptTheirs, IReadOnlyList<string> AppliedMine,
    IReadOnlyList<MergeConflict> Conflicts, IReadOnlyList<MergeChoice> Choices);

/// <summary>
/// Merges your edit into someone else's newer revision, field by field, from the revision you
/// started from (docs/product.md, "Editing together"). A field is the title, a value inside the
/// fields' objects (<c>fields.administration.foodAdvice</c>) or a whole list (<c>fields.sideEffects.serious</c>):
/// only they changed it, theirs is kept; only you, yours is applied; both, the same way, that value;
/// both, differently, it is a conflict unless <c>resolutions</c> names it <c>mine</c> or <c>theirs</c>.
/// </summary>
public static class ThreeWayMerge
{
    public const string Mine = "mine";
    public const string Theirs = "theirs";
    public const string TitlePath = "title";

    private static readonly JsonSerializerOptions TextOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static MergeResult Merge(string type, MergeSide @base, MergeSide theirs, MergeSide mine,
        IReadOnlyDictionary<string, string>? resolutions = null)
    {
        var walk = new Walk(ChangeClassification.For(type), resolutions ?? new Dictionary<string, string>());
        var title = walk.Leaf(TitlePath, "title", Text(@base.Title), Text(theirs.Title), Text(mine.Title), editorial: true);
        var fields = walk.Value("fields", "", @base.Fields, theirs.Fields, mine.Fields) ?? new JsonObject();
        var merged = new MergeSide(title?.GetValue<string>() ?? theirs.Title, JsonSerializer.SerializeToElement(fields));
        return new MergeResult(merged, walk.KeptTheirs, walk.AppliedMine, walk.Conflicts, walk.Choices);
    }

    private static JsonElement Text(string s) => JsonSerializer.SerializeToElement(s);

    private sealed class Walk(ChangeClassification.Rule rule, IReadOnlyDictionary<string, string> resolutions)
    {
        public List<string> KeptTheirs { get; } = [];
        public List<string> AppliedMine { get; } = [];
        public List<MergeConflict> Conflicts { get; } = [];
        public List<MergeChoice> Choices { get; } = [];

        /// <summary>The merged value at <paramref name="path"/>; null when it is absent.</summary>
        public JsonNode? Value(string path, string schema, JsonElement b, JsonElement t, JsonElement m)
        {
            if (IsObject(t) && IsObject(m) && (IsObject(b) || !HasValue(b)) && !Same(t, m) && !Same(b, t) && !Same(b, m))
            {
                // Both changed this object: merge it member by member.
                var merged = new JsonObject();
                var names = t.EnumerateObject().Select(p => p.Name)
                    .Concat(m.EnumerateObject().Select(p => p.Name))
                    .Concat(IsObject(b) ? b.EnumerateObject().Select(p => p.Name) : [])
                    .Distinct(StringComparer.Ordinal);
                foreach (var name in names)
                {
                    var value = Value($"{path}.{name}", schema.Length == 0 ? name : $"{schema}.{name}", Get(b, name), Get(t, name), Get(m, name));
                    if (value is not null) merged[name] = value;
                }
                return merged;
            }
            return Leaf(path, schema, b, t, m, editorial: false);
        }

        public JsonNode? Leaf(string path, string schema, JsonElement b, JsonElement t, JsonElement m, bool editorial)
        {
            if (Same(t, m)) return Node(t);
            if (Same(b, m)) { KeptTheirs.Add(path); return Node(t); }
            if (Same(b, t)) { AppliedMine.Add(path); return Node(m); }

            var changeClass = editorial ? ChangeClasses.Editorial
                : rule(schema, HasValue(b) ? HasValue(t) ? ContentDiff.Changed : ContentDiff.Removed : ContentDiff.Added, b, t);
            if (resolutions.TryGetValue(path, out var choice) && choice is Mine or Theirs)
            {
                Choices.Add(new MergeChoice(path, choice, changeClass));
                return Node(choice == Mine ? m : t);
            }
            Conflicts.Add(new MergeConflict(path, Show(b), Show(t), Show(m), changeClass));
            return Node(t);
        }

        private static bool IsObject(JsonElement e) => e.ValueKind == JsonValueKind.Object;

        private static JsonNode? Node(JsonElement e) => HasValue(e) ? JsonNode.Parse(e.GetRawText()) : null;

        private static string? Show(JsonElement e) => HasValue(e) ? JsonSerializer.Serialize(e, TextOptions) : null;
    }
}
