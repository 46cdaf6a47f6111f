using System.Globalization;
using System.Text.Json;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Authoring.Content.Model;

/// <summary>Whether a member must be present.</summary>
internal enum Need
{
    Optional,
    Required,

    /// <summary>Must be present and a string, but may be empty.</summary>
    RequiredMayBeEmpty,
}

/// <summary>Whether a text member may hold line breaks and tabs.</summary>
internal enum TextKind
{
    /// <summary>Names, labels, codes, list items, links: one line.</summary>
    SingleLine,

    /// <summary>Prose the editor writes in paragraphs (a Markdown body, a mechanism, advice).</summary>
    LongText,
}

/// <summary>
/// Reads a <see cref="JsonElement"/> member by member, collecting every problem under its JSON path
/// instead of stopping at the first, and never throwing. The readers return null for a missing or
/// invalid value; the caller only builds a record when <see cref="Errors"/> is empty.
/// </summary>
internal sealed partial class FieldReader(DateOnly latestDate)
{
    public const int MaxItems = 200;
    public const int MaxUrl = 2000;

    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool HasErrors => errors.Count > 0;

    /// <summary>Whether some text was refused by <see cref="TextHygiene"/> (a 422, not a malformed request).</summary>
    public bool RefusedText { get; private set; }

    public bool HasError(string path) => errors.ContainsKey(path);

    public void Error(string path, string message)
    {
        if (!errors.TryGetValue(path, out var list)) errors[path] = list = [];
        if (!list.Contains(message)) list.Add(message);
    }

    public Dictionary<string, string[]> Errors() =>
        errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public static string Child(string path, string name) => $"{path}.{name}";

    public static string Item(string path, int index) => $"{path}[{index}]";

    private void RefuseText(string path, string message)
    {
        RefusedText = true;
        Error(path, message);
    }

    /// <summary>Checks that <paramref name="value"/> is an object and has only the <paramref name="known"/> members, each once.</summary>
    public bool Object(JsonElement value, string path, IReadOnlyList<string> known, string what)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            Error(path, $"This must be {what}, with the fields {string.Join(", ", known)}.");
            return false;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in value.EnumerateObject())
        {
            var memberPath = Child(path, member.Name);
            if (!known.Contains(member.Name))
            {
                var close = known.FirstOrDefault(k => Similar(k, member.Name));
                Error(memberPath, close is null
                    ? $"Unknown field '{member.Name}'. Remove it; the fields here are {string.Join(", ", known)}."
                    : $"Unknown field '{member.Name}'. Did you mean '{close}'?");
            }
            else if (!seen.Add(member.Name))
            {
                Error(memberPath, $"The field '{member.Name}' appears more than once; keep one.");
            }
        }

        return true;
    }

    /// <summary>The member's value, or null when it is absent or JSON null (reported if required).</summary>
    public JsonElement? Member(JsonElement obj, string path, string name, Need need, string missing)
    {
        if (obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null) return value;
        if (need != Need.Optional) Error(Child(path, name), missing);
        return null;
    }

    public string? String(JsonElement obj, string path, string name, int max, Need need, string what, TextKind kind = TextKind.SingleLine) =>
        Member(obj, path, name, need, $"Add {what}.") is { } value ? StringValue(value, Child(path, name), max, need, what, kind) : null;

    /// <summary>
    /// A trimmed string of at most <paramref name="max"/> characters that <see cref="TextHygiene"/> accepts
    /// (line breaks and tabs only in <see cref="TextKind.LongText"/>); null if empty (reported if required).
    /// </summary>
    public string? StringValue(JsonElement value, string path, int max, Need need, string what, TextKind kind = TextKind.SingleLine)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            Error(path, $"This must be text (in quotes), not {Describe(value)}.");
            return null;
        }

        var text = value.GetString()!.Trim();
        if (text.Length == 0)
        {
            if (need == Need.RequiredMayBeEmpty) return text;
            if (need == Need.Required) Error(path, $"Add {what}; it can't be blank.");
            return null;
        }

        if (TextHygiene.Problem(text, multiline: kind == TextKind.LongText) is { } problem)
        {
            RefuseText(path, problem);
            return null;
        }

        if (text.Length > max)
        {
            Error(path, string.Create(CultureInfo.InvariantCulture, $"This is {text.Length:N0} characters long; shorten it to {max:N0} or fewer."));
            return null;
        }

        return text;
    }

    /// <summary>A string that must be one of <paramref name="allowed"/>, exactly.</summary>
    public string? Choice(JsonElement obj, string path, string name, IReadOnlyList<string> allowed, string what)
    {
        var text = String(obj, path, name, 200, Need.Required, what);
        if (text is null) return null;
        if (allowed.Contains(text)) return text;
        var close = allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase));
        Error(Child(path, name), close is null
            ? $"'{text}' is not a known value. Use one of: {string.Join(", ", allowed)}."
            : $"Write '{close}' exactly as shown (not '{text}').");
        return null;
    }

    /// <summary>An absolute http(s) URL of at most 2000 characters.</summary>
    public string? Url(JsonElement obj, string path, string name, Need need, string what) =>
        Member(obj, path, name, need, $"Add {what}.") is { } value ? UrlValue(value, Child(path, name), need, what) : null;

    private string? UrlValue(JsonElement value, string path, Need need, string what)
    {
        var text = StringValue(value, path, MaxUrl, need, what);
        if (text is null) return null;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && !string.IsNullOrEmpty(uri.Host)
            && !text.Any(char.IsWhiteSpace))
            return text;
        Error(path, "Use a full web address starting with https:// (or http://), e.g. https://www.nice.org.uk/guidance/ta465.");
        return null;
    }

    /// <summary>A calendar date written yyyy-MM-dd, no later than tomorrow (today may differ by time zone).</summary>
    public DateOnly? Date(JsonElement obj, string path, string name, Need need, string what)
    {
        if (Member(obj, path, name, need, $"Add {what} (yyyy-MM-dd).") is not { } value) return null;
        var datePath = Child(path, name);
        if (value.ValueKind == JsonValueKind.String && TextHygiene.Problem(value.GetString()) is { } problem)
        {
            RefuseText(datePath, problem);
            return null;
        }

        if (value.ValueKind != JsonValueKind.String
            || !DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Error(datePath, "Write the date as yyyy-MM-dd, e.g. 2017-08-09.");
            return null;
        }

        if (date > latestDate)
        {
            Error(datePath, $"{date:yyyy-MM-dd} is in the future; use the date it actually happened.");
            return null;
        }

        return date;
    }

    /// <summary>
    /// A list of at most 200 items read by <paramref name="read"/>. The result keeps one slot per item (null
    /// where an item was invalid) so indexes line up with the JSON; null if the list itself is missing or invalid.
    /// </summary>
    public List<T?>? List<T>(JsonElement obj, string path, string name, Need need, int min, string what,
        Func<JsonElement, string, T?> read) where T : class
    {
        var listPath = Child(path, name);
        var missing = min > 0 ? $"Add at least one {what}." : $"Add the {what} (use [] if there are none).";
        if (Member(obj, path, name, need, missing) is not { } value) return null;
        if (value.ValueKind != JsonValueKind.Array)
        {
            Error(listPath, $"This must be a list in square brackets, not {Describe(value)}.");
            return null;
        }

        var count = value.GetArrayLength();
        if (count > MaxItems)
        {
            Error(listPath, $"This list has {count} items; the limit is {MaxItems}. Remove some.");
            return null;
        }

        if (count < min)
        {
            Error(listPath, missing);
            return null;
        }

        var items = new List<T?>(count);
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemPath = Item(listPath, index++);
            items.Add(item.ValueKind == JsonValueKind.Null ? NullItem<T>(itemPath) : read(item, itemPath));
        }

        return items;
    }

    private T? NullItem<T>(string path) where T : class
    {
        Error(path, "This item is empty (null); remove it or fill it in.");
        return null;
    }

    /// <summary>
    /// Reports the second and later items of the list <paramref name="name"/> whose text (or whose
    /// <paramref name="member"/>'s text) repeats an earlier one, trimmed and ignoring case. Reads the JSON itself,
    /// so a repeat is found even when the item has other problems.
    /// </summary>
    public void Unique(JsonElement obj, string path, string name, string? member, string what)
    {
        if (!obj.TryGetProperty(name, out var list) || list.ValueKind != JsonValueKind.Array) return;
        var listPath = Child(path, name);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var i = index++;
            var value = item;
            if (member is not null && (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty(member, out value))) continue;
            if (value.ValueKind != JsonValueKind.String || value.GetString()!.Trim() is not { Length: > 0 } key || seen.Add(key)) continue;
            var keyPath = member is null ? Item(listPath, i) : Child(Item(listPath, i), member);
            Error(keyPath, $"'{key}' is already used by another {what} in this list; remove the repeat or change it.");
        }
    }

    /// <summary>The same name but for case or a plural 's': "GenericName", "brandname", "reference".</summary>
    private static bool Similar(string known, string given) =>
        string.Equals(known.TrimEnd('s'), given.TrimEnd('s', 'S'), StringComparison.OrdinalIgnoreCase);

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "text",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true/false",
        JsonValueKind.Null => "null",
        _ => "missing",
    };
}
