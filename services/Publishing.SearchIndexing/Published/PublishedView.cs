using System.Text.Json;
using Publishing.SearchIndexing.Data;
using Publishing.SearchIndexing.Indexing;

namespace Publishing.SearchIndexing.Published;

public sealed record PublishedDates(
    DateTimeOffset? FirstPublished, DateTimeOffset? LastModified, DateTimeOffset? LastReviewed, DateTimeOffset? NextReviewDue);

public sealed record ApprovalView(string ReviewerName, string? Qualification, DateTimeOffset ApprovedAt);

public sealed record Attribution(string AuthorName);

/// <summary>
/// A published revision as the public reads it. <see cref="Sample"/> is true for the demo's sample
/// content: its approvals are sample data, not a clinical review, and must not be shown as one.
/// </summary>
public sealed record PublishedView(
    string Slug, string Type, string Title, int Revision, JsonElement Fields, IReadOnlyList<string> Tags,
    PublishedDates Dates, IReadOnlyList<ApprovalView> Approvals, Attribution Attribution, string ChangeClass, string ContentHash,
    bool Sample)
{
    public static PublishedView From(PublishedDocument d) => new(
        d.Slug, d.ContentType, d.Title, d.Revision, DocumentJson.Parse(d.Fields), DocumentJson.Tags(d.Tags),
        new PublishedDates(d.FirstPublished, d.LastModified, d.LastReviewed, d.NextReviewDue),
        DocumentJson.Approvals(d.Approvals).Select(a => new ApprovalView(a.ReviewerName, a.Qualification, a.ApprovedAt)).ToList(),
        new Attribution(d.AuthorName), d.ChangeClass, d.ContentHash, d.Sample);
}

/// <summary>The tombstone a withdrawn item's URL answers with (410 Gone); the title lets a page name what was withdrawn.</summary>
public sealed record WithdrawnView(string Slug, DateTimeOffset? WithdrawnAt, string? Reason, string Title, string Type);
