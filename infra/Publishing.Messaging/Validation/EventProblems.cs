using System.Text.Json;
using Publishing.Contracts;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Messaging.Validation;

/// <summary>What an <see cref="IEventRules{T}"/> found wrong with one event, each problem naming its member.</summary>
public sealed class EventProblems
{
    private readonly List<string> _found = [];

    public IReadOnlyList<string> Found => _found;

    public void Add(string member, string problem) => _found.Add($"{member} {problem}");

    public void Id(string member, Guid value)
    {
        if (value == Guid.Empty) Add(member, "is missing");
    }

    /// <summary>Text that must be there (not blank) and at most <paramref name="maxLength"/> characters.</summary>
    public void Required(string member, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(member, "is missing");
        else Optional(member, value, maxLength);
    }

    public void Optional(string member, string? value, int maxLength)
    {
        if (value is { Length: var length } && length > maxLength) Add(member, $"is {length} characters, more than {maxLength}");
    }

    public void Slug(string member, string? value)
    {
        if (value is null) Add(member, "is missing");
        else if (!ServiceDefaults.Validation.Slug.IsValid(value)) Add(member, $"'{Shorten(value)}' is not a slug");
    }

    public void Revision(string member, int value)
    {
        if (value < 1) Add(member, $"is {value}, not a revision number (1 or more)");
    }

    public void Time(string member, DateTimeOffset value)
    {
        if (value == default) Add(member, "is missing");
    }

    public void ChangeClass(string member, string? value)
    {
        if (!ChangeClasses.IsKnown(value)) Add(member, $"'{Shorten(value)}' is not one of {string.Join(", ", ChangeClasses.Order)}");
    }

    public void JsonObject(string member, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object) Add(member, value.ValueKind == JsonValueKind.Undefined ? "is missing" : "is not a JSON object");
    }

    /// <summary>A list that must be there, with at most <paramref name="max"/> items, each present and checked by <paramref name="each"/>.</summary>
    public void Items<T>(string member, IReadOnlyList<T>? items, int max, Action<string, T> each, int min = 0)
    {
        if (items is null)
        {
            Add(member, "is missing");
            return;
        }
        if (items.Count < min) Add(member, $"has {items.Count} items, fewer than {min}");
        if (items.Count > max)
        {
            Add(member, $"has {items.Count} items, more than {max}");
            return;
        }
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null) Add($"{member}[{i}]", "is missing");
            else each($"{member}[{i}]", items[i]);
        }
    }

    /// <summary>The members every content event has: which item, which revision, when.</summary>
    public void Content(IContentChanged value)
    {
        Id("contentId", value.ContentId);
        Slug("slug", value.Slug);
        Revision("revision", value.Revision);
        Time("occurredAt", value.OccurredAt);
    }

    /// <summary>A sign-off, as it travels inside review and publication events.</summary>
    public void Approval(string member, Approval? value)
    {
        if (value is null)
        {
            Add(member, "is missing");
            return;
        }
        Required($"{member}.reviewerId", value.ReviewerId, EventLimits.PersonId);
        Required($"{member}.reviewerName", value.ReviewerName, EventLimits.PersonName);
        Optional($"{member}.qualification", value.Qualification, EventLimits.PersonName);
        Optional($"{member}.comment", value.Comment, EventLimits.Text);
        Time($"{member}.approvedAt", value.ApprovedAt);
    }

    private static string Shorten(string? value) => value is null ? "(null)" : value.Length <= 60 ? value : value[..60] + "…";
}
