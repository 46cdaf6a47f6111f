using System.Text.RegularExpressions;
using Publishing.Authoring.Content.Guards;
using Publishing.Authoring.Content.Merge;
using Publishing.Contracts;

namespace Publishing.Authoring.Content;

/// <summary>How a save was merged into someone else's newer revision.</summary>
/// <param name="BaseRevision">The revision the editor started from (their If-Match).</param>
/// <param name="TheirRevision">The newer revision the edit was merged into.</param>
/// <param name="TheirAuthors">Who saved the revisions after the base.</param>
/// <param name="KeptTheirs">Fields only they changed, kept.</param>
/// <param name="Choices">Fields both changed, settled by the editor's choice (<c>mine</c> replaced theirs).</param>
public sealed record MergeView(
    int BaseRevision, int TheirRevision, IReadOnlyList<string> TheirAuthors, IReadOnlyList<string> KeptTheirs,
    IReadOnlyList<MergeChoice> Choices);

/// <summary>
/// The answer to a save: the item as <see cref="ContentView"/>, plus whether a revision was made,
/// the class the working copy now is against the published revision and why, and the guards' warnings.
/// </summary>
public sealed partial record SaveView : ContentView
{
    public SaveView(ContentView item) : base(item) { }

    /// <summary>False when nothing changed, so no revision was made.</summary>
    public bool Saved { get; init; }

    /// <summary>The class of the working copy's changes since the published revision.</summary>
    public string ChangeClass { get; init; } = ChangeClasses.Editorial;

    public int RequiredApprovals { get; init; }

    /// <summary>The fields (paths without item names, <c>sideEffects.serious</c>) whose changes set <see cref="ChangeClass"/>.</summary>
    public IReadOnlyList<string> ChangeReasons { get; init; } = [];

    /// <summary>How many fields differ from the published revision (0: nothing to submit).</summary>
    public int Changes { get; init; }

    public IReadOnlyList<GuardWarning> Warnings { get; init; } = [];

    /// <summary>Set when the save was merged into a newer revision.</summary>
    public MergeView? Merge { get; init; }

    /// <summary>The fields whose changes make the class what it is, in diff order.</summary>
    public static IReadOnlyList<string> Reasons(IReadOnlyList<FieldChange> changes, string changeClass) =>
        changes.Where(c => c.ChangeClass == changeClass)
            .Select(c => ItemLabel().Replace(c.Path, ""))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    [GeneratedRegex(@"\[.*?\](?=\.|$)")]
    private static partial Regex ItemLabel();
}
