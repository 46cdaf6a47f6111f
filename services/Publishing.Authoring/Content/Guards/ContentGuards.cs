using System.Text.Json;
using Publishing.Authoring.Content.Diff;
using Publishing.Authoring.Data;
using Publishing.Contracts;

namespace Publishing.Authoring.Content.Guards;

/// <summary>
/// Runs every guard over a working copy, at save and at submit (docs/product.md, "Guards"). Guards
/// warn; the editor may go on, and the warnings travel with the submission to the reviewers.
/// </summary>
public static class ContentGuards
{
    public static readonly IReadOnlyList<IContentGuard> All =
    [
        new NearDuplicateGuard(),
        new WithdrawnDrugGuard(),
        new UnreferencedChangeGuard(),
        new DoseWithoutReferenceGuard(),
    ];

    public static IReadOnlyList<GuardWarning> Check(GuardInput input) => All.SelectMany(g => g.Check(input)).ToList();

    /// <summary>The guards' view of <paramref name="working"/> against the published revision.</summary>
    public static async Task<(IReadOnlyList<GuardWarning> Warnings, IReadOnlyList<FieldChange> Changes, string ChangeClass)> CheckAsync(
        AuthoringDbContext db, ContentItem item, ContentRevision working, ContentRevision? published, CancellationToken ct)
    {
        var fields = Json.Parse(working.Fields);
        JsonElement? before = published is null ? null : Json.Parse(published.Fields);
        var changes = ContentDiff.Compute(item.Type, before, fields, (published?.Title, working.Title));
        var changeClass = ChangeClassification.Classify(changes);
        var withdrawn = await WithdrawnDrugs.LoadAsync(db, item.Id, ct);
        return (Check(new GuardInput(item.Type, fields, before, changes, changeClass, withdrawn)), changes, changeClass);
    }

    /// <summary>Every string of a document with its JSON path (<c>fields.sideEffects.serious[2]</c>).</summary>
    internal static IEnumerable<(string Path, string Text)> Strings(JsonElement e, string path = "fields")
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                yield return (path, e.GetString()!);
                break;
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                    foreach (var s in Strings(p.Value, $"{path}.{p.Name}"))
                        yield return s;
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in e.EnumerateArray())
                    foreach (var s in Strings(item, $"{path}[{i++}]"))
                        yield return s;
                break;
        }
    }

    /// <summary>Whether any change touches the references (one added, removed or edited, its accessed date included).</summary>
    internal static bool ReferencesTouched(IReadOnlyList<FieldChange> changes) =>
        changes.Any(c => c.Path == "references" || c.Path.StartsWith("references[", StringComparison.Ordinal)
            || c.Path.StartsWith("references.", StringComparison.Ordinal));
}
