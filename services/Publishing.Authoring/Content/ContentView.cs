using System.Text.Json;
using Publishing.Authoring.Data;

namespace Publishing.Authoring.Content;

public sealed record ContentDates(
    DateTimeOffset? FirstPublished, DateTimeOffset? LastModified, DateTimeOffset? LastReviewed, DateTimeOffset? NextReviewDue);

/// <param name="OpenReviewId">The review the item is in while <c>in-review</c>: follow it, or recall it; the approved one while <c>approved</c> or <c>scheduled</c>.</param>
/// <param name="PublishAt">When the approved revision goes live, while <c>scheduled</c> (UTC).</param>
public record ContentView(
    string Slug, string Type, string Title, string Status, int Revision, int? PublishedRevision,
    JsonElement Fields, ContentDates Dates, string? ReviewComment, DateTimeOffset? WithdrawnAt, string? WithdrawalReason,
    Guid? OpenReviewId, DateTimeOffset? PublishAt)
{
    public static ContentView From(ContentItem item, ContentRevision working) => new(
        item.Slug, item.Type, working.Title, item.Status, item.CurrentRevision, item.PublishedRevision,
        Json.Parse(working.Fields),
        new ContentDates(item.FirstPublished, item.LastModified, item.LastReviewed, item.NextReviewDue),
        item.ReviewComment, item.WithdrawnAt, item.WithdrawalReason, item.OpenReviewId, item.PublishAt);
}

internal static class Json
{
    public static JsonElement Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }
}

internal static class ETags
{
    public static string For(int revision) => $"\"{revision}\"";

    /// <summary>Reads a revision from an If-Match value such as "3" or W/"3".</summary>
    public static int? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var v = value.Trim();
        if (v.StartsWith("W/", StringComparison.Ordinal)) v = v[2..];
        return int.TryParse(v.Trim('"'), out var n) ? n : -1;
    }
}
