using System.Text.RegularExpressions;
using Publishing.Contracts;

namespace Publishing.Authoring.Content.Diff;

/// <summary>
/// Word-level changes between two texts: which words were kept, removed and added, so a reviewer
/// sees the one word that changed in a long paragraph.
/// </summary>
/// <remarks>
/// Texts are cut into words, runs of spaces and single punctuation marks; the common subsequence of
/// those tokens that keeps the most characters is kept, and within each changed stretch the removed text comes
/// before the added text. Runs of one kind are joined, so the pieces concatenated give back
/// the before text (unchanged + removed) and the after text (unchanged + added).
/// </remarks>
public static partial class WordDiff
{
    public const string Unchanged = "unchanged";

    /// <summary>Texts with fewer words than this on both sides are short: shown whole, not word by word.</summary>
    public const int LongTextWords = 4;

    /// <summary>Beyond this many token pairs (after the common start and end are set aside) there are no word changes.</summary>
    private const long MaxCells = 4_000_000;

    /// <summary>The word changes from <paramref name="before"/> to <paramref name="after"/>, or null when too large to compute.</summary>
    public static IReadOnlyList<WordChange>? Compute(string before, string after)
    {
        var a = Tokens(before);
        var b = Tokens(after);
        var start = 0;
        while (start < a.Length && start < b.Length && a[start] == b[start]) start++;
        var end = 0;
        while (end < a.Length - start && end < b.Length - start && a[^(end + 1)] == b[^(end + 1)]) end++;
        var midA = a[start..^end];
        var midB = b[start..^end];
        if ((long)midA.Length * midB.Length > MaxCells) return null;

        var result = new List<WordChange>();
        Append(result, Unchanged, a[..start]);
        AppendMiddle(result, midA, midB);
        Append(result, Unchanged, a[^end..]);
        return result;
    }

    /// <summary>Whether a text is long enough for word changes (<see cref="LongTextWords"/>).</summary>
    public static bool IsLong(string text) => Word().Count(text) >= LongTextWords;

    private static void AppendMiddle(List<WordChange> result, string[] a, string[] b)
    {
        // lcs[i, j]: the most characters a common subsequence of a[i..] and b[j..] keeps. Weighing tokens by
        // their length keeps "weakness" rather than "and" plus two spaces when only one of them can stay.
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + a[i].Length : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);

        // Spaces and punctuation kept between two changed words belong to the change: "a tear in the
        // bowel" replaced reads as one removal and one addition, not as words cut apart by kept spaces.
        List<string> removed = [], added = [], between = [];
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                if (removed.Count + added.Count > 0 && !Word().IsMatch(a[x])) between.Add(a[x]);
                else
                {
                    Flush(result, removed, added);
                    Append(result, Unchanged, [.. between, a[x]]);
                    between.Clear();
                }
                x++; y++;
                continue;
            }
            removed.AddRange(between);
            added.AddRange(between);
            between.Clear();
            if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y])) added.Add(b[y++]);
            else removed.Add(a[x++]);
        }
        Flush(result, removed, added);
        Append(result, Unchanged, between);
    }

    private static void Flush(List<WordChange> result, List<string> removed, List<string> added)
    {
        Append(result, ContentDiff.Removed, removed);
        Append(result, ContentDiff.Added, added);
        removed.Clear();
        added.Clear();
    }

    private static void Append(List<WordChange> result, string kind, IReadOnlyCollection<string> tokens)
    {
        if (tokens.Count == 0) return;
        var text = string.Concat(tokens);
        if (result.Count > 0 && result[^1].Kind == kind) result[^1] = result[^1] with { Text = result[^1].Text + text };
        else result.Add(new WordChange(kind, text));
    }

    private static string[] Tokens(string text) => Token().Matches(text).Select(m => m.Value).ToArray();

    [GeneratedRegex(@"[\p{L}\p{N}]+|\s+|.", RegexOptions.Singleline)]
    private static partial Regex Token();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
