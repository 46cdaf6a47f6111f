using System.Text.Json;
using Publishing.Authoring.Content;
using Publishing.Authoring.Data;
using Publishing.Contracts;
using Publishing.ServiceDefaults.Integrity;

namespace Publishing.Authoring.Previews;

public sealed record PreviewDates(
    DateTimeOffset? FirstPublished, DateTimeOffset? LastModified, DateTimeOffset? LastReviewed, DateTimeOffset? NextReviewDue);

public sealed record PreviewApproval(string ReviewerName, string? Qualification, DateTimeOffset ApprovedAt);

public sealed record PreviewAttribution(string AuthorName);

/// <summary>What marks the answer as a preview: the revision shown and when the link stops working.</summary>
public sealed record PreviewMark(int Revision, DateTimeOffset ExpiresAt);

/// <summary>
/// A revision through a preview link, in the shape of <c>GET /api/published/{slug}</c> (Search's
/// <c>PublishedView</c>, every member with the same name and meaning) plus <see cref="Preview"/>, so a
/// subscriber site can render it with the code it renders published content with. The dates are the
/// live copy's (publishing this revision would set new ones); the approvals are those given so far.
/// </summary>
public sealed record PreviewView(
    string Slug, string Type, string Title, int Revision, JsonElement Fields, IReadOnlyList<string> Tags,
    PreviewDates Dates, IReadOnlyList<PreviewApproval> Approvals, PreviewAttribution Attribution, string ChangeClass,
    string ContentHash, bool Sample, PreviewMark Preview)
{
    public static PreviewView From(ContentItem item, ContentRevision revision, Submission submission, PreviewLink link)
    {
        var fields = Json.Parse(revision.Fields);
        var approvals = submission.Approvals is null
            ? []
            : JsonSerializer.Deserialize<List<Approval>>(submission.Approvals, JsonSerializerOptions.Web) ?? [];
        return new PreviewView(
            item.Slug, item.Type, revision.Title, revision.Number, fields, TagsOf(fields),
            new PreviewDates(item.FirstPublished, item.LastModified, item.LastReviewed, item.NextReviewDue),
            approvals.Select(a => new PreviewApproval(a.ReviewerName, a.Qualification, a.ApprovedAt)).ToList(),
            new PreviewAttribution(revision.AuthorName), submission.ChangeClass, CanonicalJson.Sha256(fields), submission.Sample,
            new PreviewMark(revision.Number, link.ExpiresAt));
    }

    private static IReadOnlyList<string> TagsOf(JsonElement fields) =>
        fields.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array
            ? tags.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList()
            : [];
}
