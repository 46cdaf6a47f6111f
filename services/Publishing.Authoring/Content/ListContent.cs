using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Data;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Authoring.Content;

public sealed record ContentSummary(string Slug, string Type, string Title, string Status, int Revision, int? PublishedRevision);

public static class ListContent
{
    private static readonly HashSet<string> Statuses =
        [ContentStatus.Draft, ContentStatus.InReview, ContentStatus.Published, ContentStatus.ChangesRequested, ContentStatus.Withdrawn];

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
        var items = await query
            .OrderBy(c => c.Slug)
            .Select(c => new ContentSummary(c.Slug, c.Type,
                c.Revisions.Where(r => r.Number == c.CurrentRevision).Select(r => r.Title).First(),
                c.Status, c.CurrentRevision, c.PublishedRevision))
            .ToListAsync(ct);
        return TypedResults.Ok(items);
    }
}
