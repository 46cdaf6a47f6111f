using System.Text.Json;
using Publishing.Authoring.Data;
using Publishing.Contracts;
using static Publishing.Authoring.Content.Diff.JsonValues;

namespace Publishing.Authoring.Content.Diff;

/// <summary>
/// What makes a change editorial, clinical or safety (docs/product.md, "Change classes and review
/// policy"): the class of each field-level difference by content type, and of a revision as a whole.
/// </summary>
public static class ChangeClassification
{
    /// <summary>The class of one difference.</summary>
    /// <param name="schema">Its path without item labels (<c>sideEffects.serious</c>, <c>approvals.decision</c>).</param>
    /// <param name="kind"><see cref="ContentDiff.Added"/>, <see cref="ContentDiff.Removed"/> or <see cref="ContentDiff.Changed"/>.</param>
    /// <param name="before">The value before (undefined when added).</param>
    /// <param name="after">The value after (undefined when removed).</param>
    public delegate string Rule(string schema, string kind, JsonElement before, JsonElement after);

    /// <summary>The rule for a content type.</summary>
    /// <exception cref="ArgumentException">Unknown type.</exception>
    public static Rule For(string type) => type switch
    {
        ContentTypes.Drug => Drug,
        ContentTypes.Article => Article,
        _ => throw new ArgumentException($"Unknown content type '{type}'.", nameof(type)),
    };

    /// <summary>A revision is as high as its highest change; <c>editorial</c> when there are no changes.</summary>
    public static string Classify(IEnumerable<FieldChange> changes) =>
        changes.Select(c => c.ChangeClass).Aggregate(ChangeClasses.Editorial, ChangeClasses.Max);

    /// <summary>
    /// safety: approvals, administration, sideEffects.serious, a removed indication and any change
    /// inside an existing indication (narrowing cannot be told from broadening, so conservative);
    /// editorial: genericName, brandNames, tags; clinical: everything else (incl. an added indication).
    /// </summary>
    public static string Drug(string schema, string kind, JsonElement before, JsonElement after)
    {
        switch (Root(schema))
        {
            case "approvals" or "administration":
                return ChangeClasses.Safety;
            case "sideEffects" when schema == "sideEffects":
                // The whole object was added, removed or replaced: safety when its serious list moved.
                return Same(Get(before, "serious"), Get(after, "serious")) ? ChangeClasses.Clinical : ChangeClasses.Safety;
            case "sideEffects":
                return schema == "sideEffects.serious" || schema.StartsWith("sideEffects.serious.", StringComparison.Ordinal)
                    ? ChangeClasses.Safety
                    : ChangeClasses.Clinical;
            case "indications" when schema == "indications":
                // The list or one item added: broadening, clinical. Removed (or replaced by a non-list): safety.
                return kind == ContentDiff.Added ? ChangeClasses.Clinical : ChangeClasses.Safety;
            case "indications":
                return ChangeClasses.Safety;
            case "genericName" or "brandNames" or "tags":
                return ChangeClasses.Editorial;
            default:
                return ChangeClasses.Clinical;
        }
    }

    /// <summary>
    /// clinical: section bodies (a section added or removed adds or removes a body), section headings
    /// (a heading says which drug or condition the body beneath it is about, so renaming one changes
    /// what the body tells a reader) and relatedDrugs; editorial: everything else (title, summary,
    /// conditions, tags...).
    /// </summary>
    public static string Article(string schema, string kind, JsonElement before, JsonElement after) =>
        schema is "sections" or "sections.body" or "sections.heading" || Root(schema) == "relatedDrugs"
            ? ChangeClasses.Clinical
            : ChangeClasses.Editorial;

    private static string Root(string schema) => schema.Split('.')[0];
}
