using System.Security.Claims;
using System.Xml;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Content;
using Publishing.Authoring.Data;
using Publishing.ServiceDefaults.Auth;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Authoring.Previews;

/// <param name="Revision">The revision to show; by default the one in review, else the latest approved.</param>
/// <param name="ExpiresIn">An ISO 8601 duration from PT1H to P30D (default P7D).</param>
public sealed record SharePreviewRequest(int? Revision, string? ExpiresIn);

/// <summary>
/// The made link, the only answer that carries its <see cref="Token"/>. <see cref="Path"/> is the
/// public page on the site's own address (the Studio joins it to its configured <c>PublicBaseUrl</c>);
/// <see cref="ApiPath"/> answers the JSON.
/// </summary>
public sealed record SharedPreview(
    Guid Id, string Slug, int Revision, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string Token, string Path, string ApiPath);

/// <summary>Makes a signed, expiring, read-only link to a revision in review or approved.</summary>
public static class SharePreview
{
    public static async Task<Results<Created<SharedPreview>, ProblemHttpResult>> Handle(
        string slug, SharePreviewRequest? request, ClaimsPrincipal principal, AuthoringDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        var (item, problem) = await db.FindAsync(slug, ct);
        if (item is null) return problem!;
        if (!TryReadExpiry(request?.ExpiresIn, out var expiresIn, out var error)) return Problems.Invalid("expiresIn", error!);

        var revision = request?.Revision ?? await PreviewRules.DefaultRevisionAsync(db, item, ct);
        if (revision is null)
            return Problems.Conflict($"'{slug}' has no revision in review or approved; submit it for review before sharing a preview.");
        if (revision < 1 || revision > item.CurrentRevision)
            return Problems.NotFound($"'{slug}' has no revision {revision}; its revisions are 1 to {item.CurrentRevision}.");
        if (await PreviewRules.ShareableSubmissionAsync(db, item.Id, revision.Value, ct) is null)
            return Problems.Conflict($"Revision {revision} is not in review or approved; only a revision put to a clinician can be shared.");
        if (item.WithdrawnAt is not null && revision <= item.PublishedRevision)
            return Problems.Conflict($"Revision {revision} was withdrawn; it cannot be shared.");

        var user = CurrentUser.From(principal);
        // Whole seconds: what the answer says is exactly what is stored (and compared) later.
        var now = clock.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        var token = PreviewTokens.New();
        var link = new PreviewLink
        {
            Id = Guid.NewGuid(), ContentId = item.Id, Revision = revision.Value, TokenHash = PreviewTokens.Hash(token),
            CreatedById = user.Id, CreatedByName = user.Name, CreatedAt = now, ExpiresAt = now + expiresIn,
        };
        db.PreviewLinks.Add(link);
        db.Record(item, link.Revision, "preview-shared", user, $"Preview link {link.Id} made, until {link.ExpiresAt:u}.", now);
        await db.SaveChangesAsync(ct);

        return TypedResults.Created($"/api/content/{item.Slug}/previews/{link.Id}", new SharedPreview(
            link.Id, item.Slug, link.Revision, link.CreatedAt, link.ExpiresAt, token, $"/preview/{token}", $"/api/previews/{token}"));
    }

    private static bool TryReadExpiry(string? value, out TimeSpan expiresIn, out string? error)
    {
        expiresIn = PreviewRules.DefaultExpiry;
        error = null;
        if (value is null) return true;
        try
        {
            expiresIn = XmlConvert.ToTimeSpan(value.Trim());
        }
        catch (FormatException)
        {
            error = "expiresIn is an ISO 8601 duration, e.g. PT1H, P7D.";
            return false;
        }
        catch (OverflowException)
        {
            error = "expiresIn is at most P30D.";
            return false;
        }
        if (expiresIn < PreviewRules.ShortestExpiry || expiresIn > PreviewRules.LongestExpiry)
        {
            error = "A preview link lasts from PT1H (one hour) to P30D (30 days).";
            return false;
        }
        return true;
    }
}
