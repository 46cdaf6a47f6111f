using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Data;
using Publishing.Authoring.ReviewOutcomes;
using Publishing.Contracts;
using Publishing.ServiceDefaults.Auth;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Authoring.Internal;

public sealed record PublishedRevisionsPage(IReadOnlyList<ContentPublished> Items, string? Next);

/// <summary>
/// <c>GET /api/internal/published?after=&amp;limit=</c> (other services only, with their own
/// credentials): every currently published revision, in slug order, in the shape of
/// <see cref="ContentPublished"/>. Read-side services rebuild from it.
/// </summary>
public static class ListPublishedRevisions
{
    public const int MaxLimit = 500;

    public static IEndpointRouteBuilder MapInternalEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/internal/published", Handle).WithTags("Internal").RequireAuthorization(Policies.Service);
        return app;
    }

    public static async Task<Results<Ok<PublishedRevisionsPage>, ProblemHttpResult>> Handle(
        string? after, int? limit, AuthoringDbContext db, CancellationToken ct)
    {
        if (after is not null && !Slug.IsValid(after)) return Problems.Invalid("after", "The cursor is the 'next' slug of an earlier page.");
        if (limit is < 1 or > MaxLimit) return Problems.Invalid("limit", $"The limit is a number from 1 to {MaxLimit}.");

        return TypedResults.Ok(await ReadPageAsync(db, after, limit ?? 200, ct));
    }

    /// <summary>One page of published revisions after the slug <paramref name="after"/>; also read in-process by the standalone host.</summary>
    public static async Task<PublishedRevisionsPage> ReadPageAsync(AuthoringDbContext db, string? after, int take, CancellationToken ct)
    {
        var query = db.Content.AsNoTracking().Where(c => c.PublishedRevision != null);
        if (after is not null) query = query.Where(c => string.Compare(c.Slug, after) > 0);
        var items = await query.OrderBy(c => c.Slug).Take(take).ToListAsync(ct);

        // Three queries per page, not two per item: a rebuild reads every published revision.
        var ids = items.Select(i => i.Id).ToList();
        var revisions = await db.Revisions.AsNoTracking()
            .Where(r => ids.Contains(r.ContentId) && db.Content.Any(c => c.Id == r.ContentId && c.PublishedRevision == r.Number))
            .ToDictionaryAsync(r => r.ContentId, ct);
        var submissions = (await db.Submissions.AsNoTracking()
                .Where(s => ids.Contains(s.ContentId) && s.Status == SubmissionStatus.Approved)
                .ToListAsync(ct))
            .Where(s => revisions.TryGetValue(s.ContentId, out var r) && r.Number == s.Revision)
            .GroupBy(s => s.ContentId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(s => s.SubmittedAt).First());

        var page = new List<ContentPublished>(items.Count);
        foreach (var item in items)
        {
            var revision = revisions[item.Id];
            var submission = submissions[item.Id];
            var approvals = submission.Approvals is null ? [] : JsonSerializer.Deserialize<List<Approval>>(submission.Approvals, JsonSerializerOptions.Web)!;
            page.Add(Publication.Describe(item, revision, submission, approvals, item.LastModified ?? item.CreatedAt));
        }
        return new PublishedRevisionsPage(page, items.Count == take ? items[^1].Slug : null);
    }
}
