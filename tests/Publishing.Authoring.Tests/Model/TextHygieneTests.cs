using System.Text.Json;
using System.Text.Json.Serialization;
using Publishing.ServiceDefaults.Validation;
using Xunit;

namespace Publishing.Authoring.Tests.Model;

/// <summary>The one rule for characters in typed text: what it refuses, what it must keep, and what it tells the editor.</summary>
public sealed class TextHygieneTests
{
    public static TheoryData<string, string> Refused => new()
    {
        { "NUL", "Imat\u0000inib" },
        { "ESC (terminal escape)", "Imatinib \u001B[31m400 mg" },
        { "DEL", "Imatinib\u007F" },
        { "NEL (C1 line break)", "Imatinib\u0085400 mg" },
        { "right-to-left override", "Take \u202E gm 004\u202C daily" },
        { "left-to-right isolate", "Take \u2066400 mg\u2069 daily" },
        { "right-to-left mark", "400\u200F mg" },
        { "Arabic letter mark", "400\u061C mg" },
        { "zero-width space inside a word", "imat\u200Binib" },
        { "word joiner", "imat\u2060inib" },
        { "byte-order mark", "\uFEFFImatinib" },
        { "soft hyphen", "imat\u00ADinib" },
        { "zero-width joiner inside a Latin word", "imat\u200Dinib" },
        { "zero-width non-joiner after a space", "imatinib \u200Cdaily" },
        { "two joiners in a row", "\U0001F469\u200D\u200D\u2695" },
        { "Hangul filler", "Imatinib\u3164" },
        { "interlinear annotation", "Imatinib\uFFF9hidden\uFFFB" },
        { "tag characters (hidden ASCII)", "Imatinib\U000E0069\U000E0067\U000E006E" },
        { "supplementary variation selector", "Imatinib\U000E0101" },
        { "variation selector at the start", "\uFE0FImatinib" },
        { "two variation selectors", "\u2764\uFE0F\uFE0E" },
        { "private use character", "Imatinib\uE000" },
        { "supplementary private use character", "Imatinib\U000F0000" },
        { "noncharacter U+FFFE", "Imatinib\uFFFE" },
        { "noncharacter U+FDD0", "Imatinib\uFDD0" },
        { "noncharacter U+1FFFF", "Imatinib\U0001FFFF" },
        { "lone high surrogate", "Imatinib\uD800" },
        { "lone low surrogate", "\uDC00Imatinib" },
        { "surrogates in the wrong order", "Imatinib\uDC00\uD800" },
        { "the unreadable stand-in", TextHygiene.Unreadable },
    };

    // Kept out of discovery: the runner's serialization would turn a lone surrogate into U+FFFD.
    [Theory]
    [MemberData(nameof(Refused), DisableDiscoveryEnumeration = true)]
    public void Invisible_control_and_broken_characters_are_refused_even_in_long_text(string why, string text)
    {
        Assert.True(TextHygiene.Problem(text, multiline: false) is not null, why);
        Assert.True(TextHygiene.Problem(text, multiline: true) is not null, why);
    }

    public static TheoryData<string, string> Kept => new()
    {
        { "plain text", "Imatinib 400 mg once a day" },
        { "symbols and accents", "Glivec® — store below 25 °C; naïve patients, 400 µg" },
        { "no-break spaces", "400\u00A0mg and 10\u202Fkg" },
        { "other scripts", "伊马替尼 · иматиниб · ימטיניב" },
        { "a capsule emoji (surrogate pair)", "Take your \U0001F48A with food" },
        { "Persian with a zero-width non-joiner", "می\u200Cخواهم" },
        { "Devanagari with a zero-width joiner after a virama", "\u0915\u094D\u200D\u0937" },
        { "an emoji ZWJ sequence (health worker)", "\U0001F469\u200D\u2695\uFE0F" },
        { "an emoji sequence with a joiner after a variation selector", "\u2764\uFE0F\u200D\U0001F525" },
        { "an emoji with its variation selector", "\u2764\uFE0F" },
        { "a keycap", "1\uFE0F\u20E3" },
        { "an empty string", "" },
    };

    [Theory]
    [MemberData(nameof(Kept))]
    public void Ordinary_text_in_any_script_is_kept(string why, string text)
    {
        Assert.True(TextHygiene.Problem(text) is null, $"{why}: {TextHygiene.Problem(text)}");
        Assert.Null(TextHygiene.Problem(null));
    }

    [Theory]
    [InlineData("Take with food.\nAvoid grapefruit.")]
    [InlineData("Take with food.\r\nAvoid grapefruit.")]
    [InlineData("| dose |\t| 400 mg |")]
    public void Line_breaks_and_tabs_are_only_for_long_text(string text)
    {
        Assert.Null(TextHygiene.Problem(text, multiline: true));
        Assert.Contains("one line", TextHygiene.Problem(text, multiline: false));
    }

    [Theory]
    [InlineData("\u2028")]
    [InlineData("\u2029")]
    public void Unicode_line_and_paragraph_separators_are_refused_everywhere(string separator)
    {
        Assert.Contains("one line", TextHygiene.Problem($"one{separator}two", multiline: false));
        Assert.Contains("ordinary line break", TextHygiene.Problem($"one{separator}two", multiline: true));
    }

    [Fact]
    public void The_message_names_the_character_and_where_it_hides()
    {
        Assert.Equal("Invisible character U+200B (zero-width space) is not allowed: it hides or splits words. It comes after \"imat\".",
            TextHygiene.Problem("imat\u200Binib"));
        Assert.Equal("Control character U+0000 is not allowed. It is at the very start.", TextHygiene.Problem("\u0000x"));
        Assert.EndsWith("It is at the start of a line.", TextHygiene.Problem("Take it.\n\u202Egm 004", multiline: true));
        Assert.EndsWith("It comes after \"…et and it is 400 mg \".",
            TextHygiene.Problem("Imatinib is a tablet and it is 400 mg \u202Edaily"));
    }

    [Fact]
    public void Refused_checks_each_member_as_stored_and_names_only_the_bad_ones()
    {
        var refused = TextHygiene.Refused(("title", " Imatinib\n", false), ("reason", "x\u0000", false), ("comment", "a\nb", true), ("none", null, false));
        Assert.Equal(["reason"], refused.Keys);
        Assert.Contains("U+0000", refused["reason"][0]);
    }

    private sealed record Request([property: JsonConverter(typeof(JsonText))] string? Title);

    [Theory]
    [InlineData("{\"title\":\"Imatinib\\ud800\"}")]
    [InlineData("{\"title\":\"\\udc00\"}")]
    public void A_lone_surrogate_escape_reads_as_text_the_rule_refuses(string json)
    {
        var request = JsonSerializer.Deserialize<Request>(json, JsonSerializerOptions.Web)!;
        Assert.Equal(TextHygiene.UnreadableProblem, TextHygiene.Problem(request.Title));
    }

    [Fact]
    public void Invalid_utf8_reads_as_text_the_rule_refuses_and_clean_text_reads_unchanged()
    {
        byte[] json = [.. "{\"title\":\"Ima"u8, 0xFF, 0xC3, .. "\"}"u8];
        Assert.NotNull(TextHygiene.Problem(JsonSerializer.Deserialize<Request>(json, JsonSerializerOptions.Web)!.Title));

        var clean = JsonSerializer.Deserialize<Request>("{\"title\":\"Imatinib \\u00e9 \\ud83d\\udc8a\"}", JsonSerializerOptions.Web)!;
        Assert.Equal("Imatinib é \U0001F48A", clean.Title);
        Assert.Null(JsonSerializer.Deserialize<Request>("{\"title\":null}", JsonSerializerOptions.Web)!.Title);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Request>("{\"title\":42}", JsonSerializerOptions.Web));
        Assert.Equal("{\"title\":\"x\"}", JsonSerializer.Serialize(new Request("x"), JsonSerializerOptions.Web));
    }
}
