using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Content;
using Publishing.Authoring.Data;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Authoring.Previews;

/// <summary>
/// The anonymous side of a preview link. Every answer is private to the one reader: never cached,
/// never indexed, never sent on as a referrer. An unknown token is 404 and an ended one 410, and
/// neither names the item, so a token reveals nothing about which slugs exist. Each successful
/// use is written to the item's audit trail with the link's id (never the token) and the time.
/// </summary>
public static class OpenPreview
{
    public const string Actor = "preview-link";

    public static async Task<Results<Ok<PreviewView>, ProblemHttpResult>> Handle(
        string token, AuthoringDbContext db, TimeProvider clock, HttpResponse response, CancellationToken ct)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        response.Headers["Referrer-Policy"] = "no-referrer";

        if (!PreviewTokens.LooksValid(token)) return Unknown();
        var hash = PreviewTokens.Hash(token);
        var link = await db.PreviewLinks.AsNoTracking().SingleOrDefaultAsync(l => l.TokenHash == hash, ct);
        if (link is null) return Unknown();
        var item = await db.Content.AsNoTracking().SingleAsync(c => c.Id == link.ContentId, ct);
        var submission = await PreviewRules.ShareableSubmissionAsync(db, item.Id, link.Revision, ct);
        var now = clock.GetUtcNow();
        if (PreviewRules.Ended(link, item, submission, now) is { } ended)
            return Problems.Status(StatusCodes.Status410Gone, "Preview link ended", ended + " Ask the person who shared it for a new one.");

        var revision = await db.Revisions.AsNoTracking().SingleAsync(r => r.ContentId == item.Id && r.Number == link.Revision, ct);
        db.Record(item, link.Revision, "preview-opened", Actor, "Preview link", $"Preview link {link.Id} opened.", now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(PreviewView.From(item, revision, submission!, link));
    }

    private static ProblemHttpResult Unknown() =>
        Problems.NotFound("No preview link has this address. Check it was copied whole, or ask for a new one.");
}
