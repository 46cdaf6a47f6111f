using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Data;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Authoring.Content;

internal static class ContentLookup
{
    /// <summary>The item for a route slug, or the problem to answer: 400 for a malformed slug, 404 for an unknown one.</summary>
    public static async Task<(ContentItem? Item, ProblemHttpResult? Problem)> FindAsync(
        this AuthoringDbContext db, string slug, CancellationToken ct, bool track = false)
    {
        if (!Slug.IsValid(slug)) return (null, Problems.BadSlug());
        var query = track ? db.Content : db.Content.AsNoTracking();
        var item = await query.SingleOrDefaultAsync(c => c.Slug == slug, ct);
        return item is null ? (null, Problems.NotFound($"No content has the slug '{slug}'.")) : (item, null);
    }
}
