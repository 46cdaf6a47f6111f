using System.Text.Json;
using Publishing.Authoring.Content.Text;
using static Publishing.Authoring.Content.Diff.JsonValues;

namespace Publishing.Authoring.Content.Guards;

/// <summary>
/// Two items of one list that say the same thing in other words ("bowel perforation" beside "a tear
/// (perforation) ... in the bowel"), at least one of them new since the published revision. Items
/// are compared by their <see cref="NormalisedWords"/>: a near duplicate shares at least two words
/// and three quarters of the shorter item's words, or is one word that the other (of at most two
/// words) contains, or has exactly the same words.
/// </summary>
public sealed class NearDuplicateGuard : IContentGuard
{
    public const string Code = "near-duplicate";

    /// <summary>The lists of free-text items, by path under <c>fields</c>, with what one item is called.</summary>
    private static readonly (string[] Path, string Noun)[] Lists =
    [
        (["sideEffects", "common"], "common side effect"),
        (["sideEffects", "serious"], "serious side effect"),
        (["conditions"], "condition"),
    ];

    public IEnumerable<GuardWarning> Check(GuardInput input)
    {
        foreach (var (path, noun) in Lists)
        {
            var items = Items(input.Fields, path);
            var published = input.Published is { } p ? Items(p, path).ToHashSet(StringComparer.Ordinal) : [];
            var words = items.Select(NormalisedWords.Of).ToList();
            var listPath = "fields." + string.Join('.', path);
            for (var i = 0; i < items.Count; i++)
                for (var j = 0; j < i; j++)
                {
                    // Both already published: not this change's slip (and reviewers saw it then).
                    if (published.Contains(items[i]) && published.Contains(items[j])) continue;
                    if (!AreNear(words[i], words[j])) continue;
                    var (newer, older) = published.Contains(items[i]) ? (j, i) : (i, j);
                    yield return new GuardWarning(Code, Message(items, newer, older, noun), [$"{listPath}[{newer}]", $"{listPath}[{older}]"]);
                }
        }
    }

    public static bool AreNear(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        if (a.Count == 0 || b.Count == 0) return false;
        var shared = a.Count(b.Contains);
        int small = Math.Min(a.Count, b.Count), large = Math.Max(a.Count, b.Count);
        return shared == a.Count && shared == b.Count
            || shared >= 2 && shared * 4 >= small * 3
            || shared == 1 && small == 1 && large <= 2;
    }

    private static string Message(List<string> items, int newer, int older, string noun)
    {
        var olderStems = NormalisedWords.Of(items[older]);
        var shared = NormalisedWords.Words(items[newer]).Where(w => olderStems.Contains(w.Stem)).Select(w => w.Word).Distinct().ToList();
        var about = shared.Count switch
        {
            0 => "",
            1 => $" Both are about “{shared[0]}”.",
            _ => $" Both are about “{string.Join("”, “", shared.SkipLast(1))}” and “{shared[^1]}”.",
        };
        return $"{Capitalise(noun)} {newer + 1}, “{items[newer]}”, looks like a repeat of {noun} {older + 1}, “{items[older]}”.{about} "
            + "If they are the same thing, keep one; if not, word them so a reader can tell them apart.";
    }

    private static string Capitalise(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    private static List<string> Items(JsonElement fields, string[] path)
    {
        var e = fields;
        foreach (var name in path) e = Get(e, name);
        return e.ValueKind == JsonValueKind.Array
            ? e.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
            : [];
    }
}
