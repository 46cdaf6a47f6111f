using System.Globalization;
using System.Text.RegularExpressions;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Authoring.GoLive;

/// <summary>
/// What a go-live time (an embargo) may be: an ISO 8601 instant that names its offset (UTC, "Z", is
/// what the Studio sends), later than now, and at most <see cref="Horizon"/> ahead. A time without an
/// offset is refused rather than guessed, since an embargo an hour off is a broken embargo.
/// </summary>
public static partial class GoLiveTime
{
    /// <summary>The furthest ahead a go-live time may be: beyond it a date is more likely a typo than a plan.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(366);

    public const string Field = "publishAt";

    /// <summary>The instant <paramref name="text"/> names, in UTC, or the message saying why it cannot be one.</summary>
    public static (DateTimeOffset? At, string? Error) Read(string text, DateTimeOffset now)
    {
        if (text == TextHygiene.Unreadable || !WithOffset().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            return (null, "Give the go-live time as an ISO 8601 instant with its offset, e.g. 2027-03-01T09:00:00Z (UTC).");
        at = at.ToUniversalTime();
        if (at <= now)
            return (null, $"The go-live time {Format(at)} has passed; give a time after {Format(now)}.");
        if (at > now + Horizon)
            return (null, $"The go-live time may be at most {Horizon.Days} days ahead, until {Format(now + Horizon)}.");
        return (at, null);
    }

    /// <summary>How the trail and messages write a go-live time: one format, always UTC.</summary>
    public static string Format(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("d MMM yyyy, HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex WithOffset();
}
