using System.Text.RegularExpressions;

namespace Publishing.Authoring.Content.Guards;

/// <summary>
/// Text reduced to the words that carry its meaning, for telling whether two list items say the same
/// thing: lower-case, punctuation and stop words dropped, each word cut to a simple stem
/// ("perforation" and "perforated" both "perfor"; "bleeding" and "bleeds" both "bleed").
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

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
