using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Content;
using Publishing.Authoring.Data;
using Publishing.ServiceDefaults.Auth;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Authoring.Previews;

/// <summary>Ends a preview link at once. Revoking a revoked link changes nothing and says so with the same 204.</summary>
public static class RevokePreview
{
    public static async Task<Results<NoContent, ProblemHttpResult>> Handle(
        string slug, Guid id, ClaimsPrincipal principal, AuthoringDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var (item, problem) = await db.FindAsync(slug, ct);
        if (item is null) return problem!;
        var link = await db.PreviewLinks.SingleOrDefaultAsync(l => l.Id == id && l.ContentId == item.Id, ct);
        if (link is null) return Problems.NotFound($"'{slug}' has no preview link '{id}'.");
        if (link.RevokedAt is not null) return TypedResults.NoContent();

        var user = CurrentUser.From(principal);
        var now = clock.GetUtcNow();
        link.RevokedAt = now;
        link.RevokedByName = user.Name;
        db.Record(item, link.Revision, "preview-revoked", user, $"Preview link {link.Id} revoked.", now);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
