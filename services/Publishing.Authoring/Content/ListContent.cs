using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Data;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Authoring.Content;

/// <summary>
/// One item of the list: its working copy (latest revision) with when and by whom it was saved, and
/// the item's dates (docs/product.md, "Content model").
/// </summary>
public sealed record ContentSummary(
    string Slug, string Type, string Title, string Status, int Revision, int? PublishedRevision,
    ContentDates Dates, DateTimeOffset SavedAt, string SavedById, string SavedByName);

public static class ListContent
{
    private static readonly HashSet<string> Statuses =
        [ContentStatus.Draft, ContentStatus.InReview, ContentStatus.Approved, ContentStatus.Published, ContentStatus.ChangesRequested, ContentStatus.Withdrawn];

    public static async Task<Results<Ok<List<ContentSummary>>, ProblemHttpResult>> Handle(
        string? status, string? type, AuthoringDbContext db, CancellationToken ct)
    {
        if (status is not null && !Statuses.Contains(status))
            return Problems.Invalid("status", $"Unknown status '{status}'; use one of {string.Join(", ", Statuses)}.");
        if (type is not null && !ContentTypes.All.Contains(type))
            return Problems.Invalid("type", "The type must be 'drug' or 'article'.");

        var query = db.Content.AsNoTracking();
        if (status is not null) query = query.Where(c => c.Status == status);
        if (type is not null) query = query.Where(c => c.Type == type);
        var items = await (
                from c in query
                join r in db.Revisions on new { ContentId = c.Id, Number = c.CurrentRevision } equals new { r.ContentId, r.Number }
                orderby c.Slug
                select new ContentSummary(c.Slug, c.Type, r.Title, c.Status, c.CurrentRevision, c.PublishedRevision,
                    new ContentDates(c.FirstPublished, c.LastModified, c.LastReviewed, c.NextReviewDue),
                    r.SavedAt, r.AuthorId, r.AuthorName))
            .ToListAsync(ct);
        return TypedResults.Ok(items);
    }
}
