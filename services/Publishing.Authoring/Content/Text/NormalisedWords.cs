using System.Text.Json;
using System.Text.RegularExpressions;

namespace Publishing.Authoring.Content.Text;

/// <summary>
/// Text reduced to the words that carry its meaning, for telling whether two list items say the same
/// thing: lower-case, punctuation and stop words dropped, each word cut to a simple stem
/// ("perforation" and "perforated" both "perfor"; "bleeding" and "bleeds" both "bleed"). The diff
/// uses it to tell an edited item from one removed and another added, the near-duplicate guard to
/// tell a repeat: one idea of "the same words" for both, so what the guard calls a repeat the diff
/// would pair too.
/// </summary>
public static partial class NormalisedWords
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "into", "for", "with", "without",
        "by", "from", "as", "is", "are", "was", "were", "be", "been", "being", "can", "could", "may", "might", "will",
        "which", "that", "this", "these", "those", "it", "its", "your", "you", "their", "them", "they", "some", "any",
        "such", "other", "including", "include", "includes", "e", "g", "eg", "ie", "etc", "very", "more", "less",
        "than", "also", "if", "when", "there", "often", "sometimes", "about", "up", "out", "no", "not",
    };

    // Longest first; "ies"/"ied" become "y" so "injuries" and "injury" meet.
    private static readonly (string Suffix, string Replacement)[] Suffixes =
    [
        ("ational", ""), ("ations", ""), ("ation", ""), ("ating", ""), ("ated", ""), ("ates", ""), ("ate", ""),
        ("nesses", ""), ("ness", ""), ("ments", ""), ("ment", ""), ("ings", ""), ("ing", ""), ("ions", ""), ("ion", ""),
        ("ies", "y"), ("ied", "y"), ("ed", ""), ("es", ""), ("ly", ""), ("s", ""), ("e", ""),
    ];

    private const int MinStem = 3;

    /// <summary>The distinct stems of the meaningful words of <paramref name="text"/>.</summary>
    public static IReadOnlySet<string> Of(string text) => Words(text).Select(w => w.Stem).ToHashSet(StringComparer.Ordinal);

    /// <summary>The stems of every text in a JSON value (a list item, which may be an object), links left out: two citations of one site are not alike.</summary>
    public static IReadOnlySet<string> Of(JsonElement value) => Of(string.Join(' ', Texts(value)));

    /// <summary>How alike two sets of stems are: the Dice coefficient, 2|A∩B| / (|A|+|B|), from 0 to 1.</summary>
    public static double Similarity(IReadOnlySet<string> a, IReadOnlySet<string> b) =>
        a.Count + b.Count == 0 ? 0 : 2.0 * a.Count(b.Contains) / (a.Count + b.Count);

    /// <summary>Each meaningful word as written (lower-case) with its stem, in order.</summary>
    public static IEnumerable<(string Word, string Stem)> Words(string text)
    {
        foreach (Match m in Word().Matches(text.ToLowerInvariant()))
        {
            if (StopWords.Contains(m.Value) || m.Value.Length < 2) continue;
            yield return (m.Value, Stem(m.Value));
        }
    }

    /// <summary>Cuts up to two suffixes ("tiredness" → "tired" → "tir"), never below three letters.</summary>
    public static string Stem(string word)
    {
        for (var pass = 0; pass < 2; pass++)
        {
            var cut = false;
            foreach (var (suffix, replacement) in Suffixes)
            {
                if (!word.EndsWith(suffix, StringComparison.Ordinal) || word.Length - suffix.Length < MinStem) continue;
                word = word[..^suffix.Length] + replacement;
                cut = true;
                break;
            }
            if (!cut) break;
        }
        return word;
    }

    private static IEnumerable<string> Texts(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String when value.GetString() is { } s && !IsLink(s) => [s],
        JsonValueKind.Array => value.EnumerateArray().SelectMany(Texts),
        JsonValueKind.Object => value.EnumerateObject().SelectMany(p => Texts(p.Value)),
        _ => [],
    };

    private static bool IsLink(string s) =>
        s.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || s.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
