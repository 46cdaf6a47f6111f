using Publishing.Authoring.Data;
using Publishing.Contracts;

namespace Publishing.Authoring.Content.Guards;

/// <summary>
/// A clinical or safety change to a drug entry in which no reference was added or touched: no
/// source backs what changed. (A drug with no reference at all is refused at submit; this is the
/// case where old references stay but none was cited for the new text.)
/// </summary>
public sealed class UnreferencedChangeGuard : IContentGuard
{
    public const string Code = "no-reference-for-change";

    public IEnumerable<GuardWarning> Check(GuardInput input)
    {
        if (input.Type != ContentTypes.Drug || input.Published is null || input.ChangeClass == ChangeClasses.Editorial) yield break;
        if (ContentGuards.ReferencesTouched(input.Changes)) yield break;
        yield return new GuardWarning(Code,
            $"This is a {input.ChangeClass} change, but no reference was added or updated, so nothing shows which source it comes from. "
            + "Add the source you used, or update the accessed date of the reference you checked it against.",
            ["fields.references"]);
    }
}
