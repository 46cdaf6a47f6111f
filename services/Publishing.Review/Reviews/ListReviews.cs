using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Contracts;
using Publishing.Review.Data;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Review.Reviews;

public sealed record ReviewSummary(
    Guid Id, string Slug, string Title, string ContentType, int Revision, string ChangeClass, int RequiredApprovals,
    int Approvals, string Status, DateTimeOffset SubmittedAt, string AuthorName);

/// <summary>The reviewers' queue: the riskiest changes first, then the ones that have waited longest.</summary>
public static class ListReviews
{
    public static async Task<Results<Ok<List<ReviewSummary>>, ProblemHttpResult>> Handle(
        string? status, ReviewDbContext db, CancellationToken ct)
    {
        if (status is not null && !ReviewStatus.All.Contains(status))
            return Problems.Invalid("status", $"Unknown status '{status}'; use one of {string.Join(", ", ReviewStatus.All)}.");

        var query = db.Reviews.AsNoTracking();
        if (status is not null) query = query.Where(t => t.Status == status);
        // No column records arrival order, so "oldest first" has to sort on SubmittedAt (sortable on SQLite too).
        var items = await query
            // docs/api.md: safety first, then the oldest, whatever its class.
            .OrderBy(t => t.ChangeClass == ChangeClasses.Safety ? 0 : 1)
            .ThenBy(t => t.SubmittedAt)
            .ThenBy(t => t.Id)
            .Select(t => new ReviewSummary(t.Id, t.Slug, t.Title, t.ContentType, t.Revision, t.ChangeClass,
                t.RequiredApprovals, t.Approvals.Count, t.Status, t.SubmittedAt, t.AuthorName))
            .ToListAsync(ct);
        return TypedResults.Ok(items);
    }
}
