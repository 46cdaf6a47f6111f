using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Review.Data;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Review.Reviews;

public sealed record ProgressApproval(string ReviewerName, string? Qualification, DateTimeOffset ApprovedAt);

/// <summary>How far a review has got, for anyone on the staff (the editor follows their submission with it).</summary>
public sealed record ReviewProgress(
    Guid Id, string Slug, int Revision, string ChangeClass, string Status, int RequiredApprovals,
    IReadOnlyList<ProgressApproval> Approvals, int Remaining, DateTimeOffset SubmittedAt, DateTimeOffset? ClosedAt);

/// <summary>
/// A review's status and sign-offs so far, without its comments or diff (those are the reviewers'
/// page): editors may read it, so they can follow "1 of 2 approvals" on their item.
/// </summary>
public static class GetReviewProgress
{
    public static async Task<Results<Ok<ReviewProgress>, ProblemHttpResult>> Handle(Guid id, ReviewDbContext db, CancellationToken ct)
    {
        var task = await db.Reviews.AsNoTracking().Include(t => t.Approvals).SingleOrDefaultAsync(t => t.Id == id, ct);
        if (task is null) return Problems.NotFound($"No review has the id '{id}' (yet: a submission reaches Review moments after it is sent).");
        var approvals = task.Approvals.OrderBy(a => a.ApprovedAt)
            .Select(a => new ProgressApproval(a.ReviewerName, a.Qualification, a.ApprovedAt)).ToList();
        return TypedResults.Ok(new ReviewProgress(
            task.Id, task.Slug, task.Revision, task.ChangeClass, task.Status, task.RequiredApprovals, approvals,
            GetReview.Remaining(task.RequiredApprovals, approvals.Count), task.SubmittedAt, task.ClosedAt));
    }
}
