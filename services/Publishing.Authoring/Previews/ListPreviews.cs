using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Content;
using Publishing.Authoring.Data;

namespace Publishing.Authoring.Previews;

public static class PreviewStates
{
    public const string Active = "active";
    public const string Expired = "expired";
    public const string Revoked = "revoked";
}

/// <summary>A preview link as staff see it afterwards: never its token.</summary>
public sealed record PreviewLinkView(
    Guid Id, int Revision, string State, string CreatedByName, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt, string? RevokedByName)
{
    public static PreviewLinkView From(PreviewLink l, DateTimeOffset now) => new(
        l.Id, l.Revision,
        l.RevokedAt is not null ? PreviewStates.Revoked : now >= l.ExpiresAt ? PreviewStates.Expired : PreviewStates.Active,
        l.CreatedByName, l.CreatedAt, l.ExpiresAt, l.RevokedAt, l.RevokedByName);
}

public static class ListPreviews
{
    public static async Task<Results<Ok<List<PreviewLinkView>>, ProblemHttpResult>> Handle(
        string slug, AuthoringDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var (item, problem) = await db.FindAsync(slug, ct);
        if (item is null) return problem!;
        var now = clock.GetUtcNow();
        var links = await db.PreviewLinks.AsNoTracking().Where(l => l.ContentId == item.Id).ToListAsync(ct);
        return TypedResults.Ok(links.OrderByDescending(l => l.CreatedAt).Select(l => PreviewLinkView.From(l, now)).ToList());
    }
}
