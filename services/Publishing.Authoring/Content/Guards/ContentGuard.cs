using System.Text.Json;
using Publishing.Contracts;

namespace Publishing.Authoring.Content.Guards;

/// <summary>
/// A slip a guard noticed: a warning, never a refusal. <paramref name="Code"/> names the guard,
/// <paramref name="Message"/> explains it in plain words, <paramref name="Paths"/> are the fields it is
/// about, as JSON paths into the working copy (<c>fields.sideEffects.serious[4]</c>).
/// </summary>
public sealed record GuardWarning(string Code, string Message, IReadOnlyList<string> Paths);

/// <summary>A withdrawn drug entry and the names a text may call it by.</summary>
public sealed record WithdrawnDrug(string Slug, string Title, IReadOnlyList<string> Names);

/// <summary>What every guard looks at: the working copy against the published revision, as reviewers will.</summary>
/// <param name="Type"><c>drug</c> or <c>article</c>.</param>
/// <param name="Fields">The working copy's fields.</param>
/// <param name="Published">The published revision's fields, or null when nothing is published.</param>
/// <param name="Changes">The field-level changes from the published revision to the working copy.</param>
/// <param name="ChangeClass">The class those changes compute to.</param>
/// <param name="WithdrawnDrugs">Every withdrawn drug entry but this item.</param>
public sealed record GuardInput(
    string Type, JsonElement Fields, JsonElement? Published, IReadOnlyList<FieldChange> Changes, string ChangeClass,
    IReadOnlyList<WithdrawnDrug> WithdrawnDrugs);

/// <summary>One check of the common slips; each lives in its own file beside this one.</summary>
public interface IContentGuard
{
    IEnumerable<GuardWarning> Check(GuardInput input);
}
