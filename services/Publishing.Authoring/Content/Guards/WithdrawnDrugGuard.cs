using System.Text.RegularExpressions;

namespace Publishing.Authoring.Content.Guards;

/// <summary>
/// New or edited text that names a drug whose entry is withdrawn (by slug, generic or brand name,
/// as a whole word, any case). Text the published revision already had is left alone: the withdrawal
/// itself lists the items that still mention the drug.
/// </summary>
public sealed class WithdrawnDrugGuard : IContentGuard
{
    public const string Code = "withdrawn-drug";

    public IEnumerable<GuardWarning> Check(GuardInput input)
    {
        if (input.WithdrawnDrugs.Count == 0) yield break;
        var published = input.Published is { } p
            ? ContentGuards.Strings(p).Select(s => s.Text).ToHashSet(StringComparer.Ordinal)
            : [];
        foreach (var drug in input.WithdrawnDrugs)
        {
            var paths = ContentGuards.Strings(input.Fields)
                .Where(s => !published.Contains(s.Text) && drug.Names.Any(n => Names(s.Text, n)))
                .Select(s => s.Path)
                .ToList();
            if (paths.Count == 0) continue;
            yield return new GuardWarning(Code,
                $"The text names {drug.Title}, which has been withdrawn. Check that it says the drug is no longer available, "
                + "or take the mention out, so no reader is sent to a medicine they cannot have.",
                paths);
        }
    }

    private static bool Names(string text, string name) =>
        Regex.IsMatch(text, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(name)}(?![\p{{L}}\p{{N}}])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
