using System.Globalization;

namespace Publishing.ServiceDefaults.Validation;

/// <summary>
/// The one rule for characters in any text a person types: no control characters (tab and line
/// breaks only where the field is long text), and no invisible direction marks or overrides, which
/// make a sentence read differently to a reviewer than to a patient (a reversed dose, a hidden word).
/// Such text is refused with 422 naming the field, never stored, so nothing downstream (Atom, e-mail,
/// webhooks) has to cope with it.
/// </summary>
public static class TextHygiene
{
    /// <summary>The reason a text is refused, or null when it is clean.</summary>
    public static string? Problem(string? text, bool multiline = false)
    {
        if (string.IsNullOrEmpty(text)) return null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\t' or '\n' or '\r')
            {
                if (multiline) continue;
                return "Line breaks and tabs are not allowed here.";
            }
            if (char.IsControl(c)) return $"Control character U+{(int)c:X4} is not allowed.";
            if (IsDirectionControl(c)) return $"Invisible direction mark U+{(int)c:X4} is not allowed: it changes how the text reads.";
            if (char.IsHighSurrogate(c) && (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])) || char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(text[i - 1])))
                return "The text contains a broken Unicode character.";
            if (c is '\uFFFE' or '\uFFFF' || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.PrivateUse)
                return $"Character U+{(int)c:X4} is not a printable character.";
        }
        return null;
    }

    /// <summary>Adds the problem of <paramref name="text"/> under <paramref name="field"/>, if any.</summary>
    public static void Check(IDictionary<string, string[]> errors, string field, string? text, bool multiline = false)
    {
        if (Problem(text, multiline) is { } problem) errors[field] = [problem];
    }

    // U+061C ARABIC LETTER MARK, U+200E/F LRM/RLM, U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates.
    private static bool IsDirectionControl(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069';
}
