using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Publishing.Authoring.Content.Diff;

/// <summary>
/// How alike two list items are, by the words they share: what tells an edited item (a "changed"
/// pair) from one item removed and another added.
/// </summary>
/// <remarks>
/// Words are compared lower-cased, without accents, without a plural "s" and without the short
/// words every sentence has ("a", "the", "or"...). Similarity is the Dice coefficient of the two
/// word sets, 2|A∩B| / (|A|+|B|): "high blood pressure" and "high blood pressure (hypertension)"
/// score 0.86, "diarrhoea" and "fever" 0. Links are left out: two citations of one site are not alike.
/// </remarks>
public static class NormalisedWords
{
    /// <summary>From this score up two items are one item edited.</summary>
    public const double SameItem = 0.5;

    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it", "its", "of",
        "on", "or", "that", "the", "this", "to", "with",
    };

    public static IReadOnlySet<string> Of(string text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetterOrDigit(c)) { word.Append(char.ToLowerInvariant(c)); continue; }
            Add(words, word);
        }
        Add(words, word);
        return words;
    }

    /// <summary>The words of every text in a JSON value (an item of a list), links left out.</summary>
    public static IReadOnlySet<string> Of(JsonElement value) => Of(string.Join(' ', Texts(value)));

    public static double Similarity(IReadOnlySet<string> a, IReadOnlySet<string> b) =>
        a.Count + b.Count == 0 ? 0 : 2.0 * a.Count(b.Contains) / (a.Count + b.Count);

    private static void Add(HashSet<string> words, StringBuilder word)
    {
        if (word.Length == 0) return;
        var w = word.ToString();
        word.Clear();
        if (Common.Contains(w)) return;
        // "tablets" and "tablet" are one word; "ss" endings ("loss") and short words are left alone.
        if (w.Length > 3 && w[^1] == 's' && w[^2] != 's') w = w[..^1];
        words.Add(w);
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
}
