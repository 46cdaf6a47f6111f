using System.Linq.Expressions;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Contracts;
using Publishing.Review.Data;
using Publishing.ServiceDefaults.Auth;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Review.Reviews;

public sealed record ReviewSummary(
    Guid Id, string Slug, string Title, string ContentType, int Revision, string ChangeClass, int RequiredApprovals,
    int Approvals, string Status, DateTimeOffset SubmittedAt, string AuthorName);

/// <summary>
/// The reviewers' queue: the riskiest changes first, then the ones that have waited longest.
/// <c>awaiting=me</c> keeps the pending reviews the caller may sign off and has not (<see cref="SignOffRules"/>).
/// </summary>
public static class ListReviews
{
    public const string AwaitingMe = "me";

    public static async Task<Results<Ok<List<ReviewSummary>>, ProblemHttpResult>> Handle(
        string? status, string? awaiting, ClaimsPrincipal principal, ReviewDbContext db, CancellationToken ct)
    {
        if (status is not null && !ReviewStatus.All.Contains(status))
            return Problems.Invalid("status", $"Unknown status '{status}'; use one of {string.Join(", ", ReviewStatus.All)}.");
        if (awaiting is not null && awaiting != AwaitingMe)
            return Problems.Invalid("awaiting", $"The only value is '{AwaitingMe}' (the reviews waiting on you).");

        var query = db.Reviews.AsNoTracking();
        if (status is not null) query = query.Where(t => t.Status == status);
        if (awaiting is null) return TypedResults.Ok(await InQueueOrder(query).Select(Summary).ToListAsync(ct));

        var me = CurrentUser.From(principal);
        if (!me.IsIn(Roles.Reviewer)) return TypedResults.Ok(new List<ReviewSummary>());
        // The pending queue is short; the rules are asked of each task in memory, where they are written.
        var pending = await query.Where(t => t.Status == ReviewStatus.Pending).Include(t => t.Approvals).ToListAsync(ct);
        var waiting = pending.Where(t => !SignOffRules.IsAuthor(t.AuthorId, me) && !SignOffRules.HasApproved(t, me)
            && !SignOffRules.LacksQualification(t.ChangeClass, me));
        var items = InQueueOrder(waiting.AsQueryable()).Select(Summary).ToList();
        return TypedResults.Ok(items);
    }

    // No column records arrival order, so "oldest first" has to sort on SubmittedAt (sortable on SQLite too).
    // docs/api.md: safety first, then the oldest, whatever its class.
    private static IOrderedQueryable<ReviewTask> InQueueOrder(IQueryable<ReviewTask> tasks) => tasks
        .OrderBy(t => t.ChangeClass == ChangeClasses.Safety ? 0 : 1)
        .ThenBy(t => t.SubmittedAt)
        .ThenBy(t => t.Id);

    private static readonly Expression<Func<ReviewTask, ReviewSummary>> Summary = t => new ReviewSummary(
        t.Id, t.Slug, t.Title, t.ContentType, t.Revision, t.ChangeClass, t.RequiredApprovals, t.Approvals.Count, t.Status,
        t.SubmittedAt, t.AuthorName);
}
