using System.Globalization;

namespace Publishing.Studio.Forms;

/// <summary>
/// The "Go live at" field: a date and time in UTC, as a <c>datetime-local</c> input sends it
/// (<c>2027-03-01T09:00</c>), or typed where the browser offers a plain text box (<c>2027-03-01 09:00</c>).
/// It is always read as UTC, which the label says, so what the editor sees is what the API stores.
/// </summary>
public static class GoLiveInput
{
    private static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"];

    public const string Label = "Go live at (UTC)";

    /// <summary>The value for the API (ISO 8601 with "Z"), null when empty; text it cannot read is passed on for the API to refuse by name.</summary>
    public static string? ToApi(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        return DateTime.TryParseExact(input.Trim(), Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : input.Trim();
    }

    /// <summary>A stored time as the input's value.</summary>
    public static string ToInput(DateTimeOffset? at) =>
        at is { } v ? v.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) : "";

    public const string Hint =
        "Optional: an embargo. Coordinated Universal Time (UTC; the UK is UTC in winter and UTC+1 in summer). " +
        "Once approved, it goes live at this time instead of at once. Leave it empty to publish on approval.";
}
