using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Data;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Authoring.Content;

public sealed record RevisionView(int Number, string Title, JsonElement Fields, string AuthorId, string AuthorName, DateTimeOffset SavedAt);

public static class GetRevision
{
    public static async Task<Results<Ok<RevisionView>, ProblemHttpResult>> Handle(
        string slug, int number, AuthoringDbContext db, HttpResponse response, CancellationToken ct)
    {
        var (item, problem) = await db.FindAsync(slug, ct);
        if (item is null) return problem!;
        var revision = await db.Revisions.AsNoTracking().SingleOrDefaultAsync(r => r.ContentId == item.Id && r.Number == number, ct);
        if (revision is null) return Problems.NotFound($"'{slug}' has no revision {number}; its latest is {item.CurrentRevision}.");
        // Revisions never change, so a cache may keep them for good.
        response.Headers.ETag = ETags.For(revision.Number);
        response.Headers.CacheControl = "private, max-age=31536000, immutable";
        return TypedResults.Ok(new RevisionView(revision.Number, revision.Title, Json.Parse(revision.Fields),
            revision.AuthorId, revision.AuthorName, revision.SavedAt));
    }
}
