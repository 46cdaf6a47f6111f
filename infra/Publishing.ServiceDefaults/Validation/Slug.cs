using System.Text.RegularExpressions;

namespace Publishing.ServiceDefaults.Validation;

/// <summary>The public id of a content item: lowercase kebab-case, at most 100 characters.</summary>
public static partial class Slug
{
    public const int MaxLength = 100;

    public static bool IsValid(string? slug) => slug is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(slug);

    public const string Rule = "A slug is lowercase letters and digits in words joined by single hyphens (e.g. 'imatinib', 'soft-tissue-sarcoma'), at most 100 characters.";

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Pattern();
}
