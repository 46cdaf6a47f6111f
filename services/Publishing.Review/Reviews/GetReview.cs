using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Contracts;
using Publishing.Review.Data;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Review.Reviews;

public sealed record ApprovalView(
    string ReviewerId, string ReviewerName, string? Qualification, string? Comment, bool ReferencesChecked,
    DateTimeOffset ApprovedAt);

public sealed record ReviewView(
    Guid Id, Guid ContentId, string Slug, int Revision, string ContentType, string Title, string ChangeClass,
    string Reason, string ChangeSummary, string AuthorId, string AuthorName, string Status,
    DateTimeOffset SubmittedAt, DateTimeOffset? ClosedAt, IReadOnlyList<FieldChange> Changes,
    int RequiredApprovals, IReadOnlyList<ApprovalView> Approvals, int Remaining);

public static class GetReview
{
    public static async Task<Results<Ok<ReviewView>, ProblemHttpResult>> Handle(Guid id, ReviewDbContext db, CancellationToken ct)
    {
        var task = await db.Reviews.AsNoTracking().Include(t => t.Approvals).SingleOrDefaultAsync(t => t.Id == id, ct);
        if (task is null) return Problems.NotFound($"No review has the id '{id}'.");

        var approvals = task.Approvals
            .OrderBy(a => a.ApprovedAt)
            .Select(a => new ApprovalView(a.ReviewerId, a.ReviewerName, a.Qualification, a.Comment, a.ReferencesChecked, a.ApprovedAt))
            .ToList();
        return TypedResults.Ok(new ReviewView(
            task.Id, task.ContentId, task.Slug, task.Revision, task.ContentType, task.Title, task.ChangeClass,
            task.Reason, task.ChangeSummary, task.AuthorId, task.AuthorName, task.Status, task.SubmittedAt, task.ClosedAt,
            FieldChanges.Parse(task.Changes), task.RequiredApprovals, approvals,
            Remaining(task.RequiredApprovals, approvals.Count)));
    }

    public static int Remaining(int required, int approvals) => Math.Max(0, required - approvals);
}
