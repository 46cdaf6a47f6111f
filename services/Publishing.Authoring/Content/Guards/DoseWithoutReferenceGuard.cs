using Publishing.Authoring.Data;

namespace Publishing.Authoring.Content.Guards;

/// <summary>The dose or the schedule changed and no reference was added or touched.</summary>
public sealed class DoseWithoutReferenceGuard : IContentGuard
{
    public const string Code = "dose-without-reference";

    private static readonly (string Path, string Name)[] Fields =
        [("administration.dose", "dose"), ("administration.schedule", "schedule")];

    public IEnumerable<GuardWarning> Check(GuardInput input)
    {
        if (input.Type != ContentTypes.Drug || input.Published is null || ContentGuards.ReferencesTouched(input.Changes)) yield break;
        var changed = Fields.Where(f => input.Changes.Any(c => c.Path == f.Path || c.Path == "administration")).ToList();
        if (changed.Count == 0) yield break;
        var what = string.Join(" and the ", changed.Select(f => f.Name));
        yield return new GuardWarning(Code,
            $"The {what} changed without a reference change. A dose or schedule must come from a source such as the "
            + "product information (SmPC): add it, or update the accessed date of the reference you checked.",
            changed.Select(f => "fields." + f.Path).ToList());
    }
}
