using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Data;

namespace Publishing.Authoring.Content;

public sealed record RevisionSummary(int Number, string Title, string AuthorId, string AuthorName, DateTimeOffset SavedAt, bool Published);

public static class ListRevisions
{
    public static async Task<Results<Ok<List<RevisionSummary>>, ProblemHttpResult>> Handle(
        string slug, AuthoringDbContext db, CancellationToken ct)
    {
        var (item, problem) = await db.FindAsync(slug, ct);
        if (item is null) return problem!;
        var revisions = await db.Revisions.AsNoTracking()
            .Where(r => r.ContentId == item.Id)
            .OrderByDescending(r => r.Number)
            .Select(r => new RevisionSummary(r.Number, r.Title, r.AuthorId, r.AuthorName, r.SavedAt, r.Number == item.PublishedRevision))
            .ToListAsync(ct);
        return TypedResults.Ok(revisions);
    }
}
