using System.Buffers;
using System.Globalization;
using System.Text;

namespace Publishing.ServiceDefaults.Validation;

/// <summary>
/// The one rule for characters in any text a person types: no control characters (tab and line
/// breaks only where the field is long text), no invisible direction marks or overrides, which
/// make a sentence read differently to a reviewer than to a patient (a reversed dose), and no
/// invisible characters that hide or split words (a zero-width space inside "imatinib" defeats
/// search and the diff; tag characters carry a hidden second text). Such text is refused with 422
/// naming the field, never stored, so nothing downstream (Atom, e-mail, webhooks) has to cope with it.
/// </summary>
/// <remarks>
/// Text is refused, never cleaned: what the reviewer signed off must be exactly what is stored.
/// Kept on purpose: zero-width joiner and non-joiner after a letter of a script that needs them
/// (Persian, Indic) or an emoji (👩‍⚕️), and one variation selector after a visible character (❤️);
/// after a Latin letter or repeated they only hide things. Unassigned code points are allowed so a
/// newer emoji is not refused by an older Unicode table. The price: the flags of England, Scotland
/// and Wales are tag sequences, so they are refused with the tag characters that hide text.
/// </remarks>
public static class TextHygiene
{
    /// <summary>
    /// Stands in for a JSON string that cannot be read as text (a lone surrogate escape such as
    /// <c>"\ud800"</c>, or invalid UTF-8), so the rule refuses it naming the field instead of the
    /// JSON reader failing the whole request. It is itself broken text, so it can never pass.
    /// </summary>
    public const string Unreadable = "\uD800";

    /// <summary>Why <see cref="Unreadable"/> text is refused (where in it is not known).</summary>
    public const string UnreadableProblem = "The text contains a broken Unicode character (an unpaired surrogate or invalid UTF-8); retype it.";

    /// <summary>The reason a text is refused, or null when it is clean.</summary>
    public static string? Problem(string? text, bool multiline = false)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (text == Unreadable) return UnreadableProblem;
        var previous = -1;
        for (var i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var used) != OperationStatus.Done)
                return $"The text contains a broken Unicode character (an unpaired surrogate); retype it. {Where(text, i)}";
            if (Refusal(rune.Value, previous, multiline) is { } reason) return $"{reason} {Where(text, i)}";
            previous = rune.Value;
            i += used;
        }
        return null;
    }

    /// <summary>Adds the problem of <paramref name="text"/> under <paramref name="field"/>, if any.</summary>
    public static void Check(IDictionary<string, string[]> errors, string field, string? text, bool multiline = false)
    {
        if (Problem(text, multiline) is { } problem) errors[field] = [problem];
    }

    /// <summary>
    /// The members of a request the rule refuses, keyed by name, each checked as it will be stored
    /// (trimmed); empty when all are clean. A handler answers a non-empty result with 422.
    /// </summary>
    public static Dictionary<string, string[]> Refused(params (string Field, string? Text, bool Multiline)[] texts)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (field, text, multiline) in texts) Check(errors, field, text?.Trim(), multiline);
        return errors;
    }

    private static string? Refusal(int c, int previous, bool multiline)
    {
        if (c is '\t' or '\n' or '\r')
            return multiline ? null : "Line breaks and tabs are not allowed here; keep it on one line.";
        if (c is 0x2028 or 0x2029)
            return multiline
                ? $"U+{c:X4} ({Name(c)}) is not allowed; use an ordinary line break."
                : "Line breaks and tabs are not allowed here; keep it on one line.";
        if (Rune.IsControl(new Rune(c))) return $"Control character U+{c:X4} is not allowed.";
        if (IsDirectionControl(c))
            return $"Invisible direction mark U+{c:X4} is not allowed: it changes how the text reads.";
        if (c is 0x200C or 0x200D)
            return IsJoinable(previous) ? null : $"Invisible character U+{c:X4} ({Name(c)}) is not allowed here: it hides or splits words.";
        if (IsVariationSelector(c))
            return previous >= 0 && !IsVariationSelector(previous) && !IsInvisible(previous) && !Rune.IsWhiteSpace(new Rune(previous))
                ? null
                : $"Invisible character U+{c:X4} (variation selector) is not allowed here: only one may follow a visible character.";
        if (IsInvisible(c))
            return $"Invisible character U+{c:X4} ({Name(c)}) is not allowed: it hides or splits words.";
        if (IsNoncharacter(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.PrivateUse)
            return $"Character U+{c:X4} is not a printable character.";
        return null;
    }

    /// <summary>Where the refused character is, for text it cannot be seen in: after the visible text before it.</summary>
    private static string Where(string text, int index)
    {
        var lineStart = text.LastIndexOfAny(['\n', '\r'], Math.Max(index - 1, 0)) + 1;
        if (index == 0 || lineStart >= index) return index == 0 ? "It is at the very start." : "It is at the start of a line.";
        var start = Math.Max(lineStart, index - 20);
        if (char.IsLowSurrogate(text[start])) start++;
        return $"It comes after \"{(start > lineStart ? "…" : "")}{text[start..index]}\".";
    }

    // U+061C ARABIC LETTER MARK, U+200E/F LRM/RLM, U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates.
    private static bool IsDirectionControl(int c) =>
        c is 0x061C or 0x200E or 0x200F or >= 0x202A and <= 0x202E or >= 0x2066 and <= 0x2069;

    private static bool IsVariationSelector(int c) =>
        c is >= 0xFE00 and <= 0xFE0F or >= 0x180B and <= 0x180D or 0x180F;

    /// <summary>
    /// What renders as nothing: Unicode's Default_Ignorable_Code_Point (zero-width space, word joiner,
    /// soft hyphen, byte-order mark, Hangul fillers, tag characters, the supplementary variation
    /// selectors used to smuggle bytes) and the interlinear annotation marks, which hide the text
    /// between them. Direction marks, joiners and variation selectors are decided before this is asked.
    /// </summary>
    private static bool IsInvisible(int c) =>
        c is 0x00AD or 0x034F or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or 0x180E or 0x3164 or 0xFEFF or 0xFFA0
            or >= 0x200B and <= 0x200F or >= 0x2060 and <= 0x206F or >= 0xFFF0 and <= 0xFFFB
            or >= 0x1BCA0 and <= 0x1BCA3 or >= 0x1D173 and <= 0x1D17A or >= 0xE0000 and <= 0xE0FFF;

    /// <summary>
    /// A joiner has a job only after a letter or mark of a script that joins (Arabic, Indic...) or in
    /// an emoji sequence; after Latin text, punctuation, a space or another invisible character it
    /// only hides things.
    /// </summary>
    private static bool IsJoinable(int previous) =>
        IsVariationSelector(previous)
        || previous > 0x024F && !IsInvisible(previous) && CharUnicodeInfo.GetUnicodeCategory(previous) is
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark or UnicodeCategory.OtherSymbol
            or UnicodeCategory.ModifierSymbol;

    // U+FDD0–U+FDEF and the last two code points of every plane are never characters.
    private static bool IsNoncharacter(int c) => c is >= 0xFDD0 and <= 0xFDEF || (c & 0xFFFE) == 0xFFFE;

    private static string Name(int c) => c switch
    {
        0x00AD => "soft hyphen",
        0x200B => "zero-width space",
        0x200C => "zero-width non-joiner",
        0x200D => "zero-width joiner",
        0x2028 => "line separator",
        0x2029 => "paragraph separator",
        0x2060 => "word joiner",
        0xFEFF => "zero-width no-break space",
        >= 0xE0000 and <= 0xE007F => "tag character",
        >= 0xE0100 and <= 0xE01EF => "variation selector",
        _ => "renders as nothing",
    };
}
