using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Data;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Authoring.Content;

public static class GetContent
{
    public static async Task<Results<Ok<ContentView>, ProblemHttpResult>> Handle(
        string slug, AuthoringDbContext db, HttpResponse response, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug();
        var item = await db.Content.AsNoTracking().SingleOrDefaultAsync(c => c.Slug == slug, ct);
        if (item is null) return Problems.NotFound($"No content has the slug '{slug}'.");
        var working = await db.Revisions.AsNoTracking()
            .SingleAsync(r => r.ContentId == item.Id && r.Number == item.CurrentRevision, ct);
        response.Headers.ETag = ETags.For(item.CurrentRevision);
        return TypedResults.Ok(ContentView.From(item, working));
    }
}
