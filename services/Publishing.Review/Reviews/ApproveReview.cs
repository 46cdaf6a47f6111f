using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Contracts;
using Publishing.Messaging.Inbox;
using Publishing.Messaging.Outbox;
using Publishing.Review.Data;
using Publishing.ServiceDefaults.Auth;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Review.Reviews;

public sealed record ApproveRequest([property: JsonConverter(typeof(JsonText))] string? Comment, bool? ReferencesChecked);

public sealed record ApproveResponse(string Status, int Approvals, int Remaining);

/// <summary>
/// Records one reviewer's sign-off; the last one needed closes the review and stages ReviewApproved.
/// Every approval bumps the task's Version, so of two concurrent final approvals only one commits;
/// the loser re-runs against the new state and finds the review closed (or counts correctly).
/// </summary>
public static class ApproveReview
{
    private const int Attempts = 3;

    public static async Task<Results<Ok<ApproveResponse>, ProblemHttpResult>> Handle(
        Guid id, ApproveRequest request, ClaimsPrincipal principal, ReviewDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        var refused = TextHygiene.Refused(("comment", request.Comment, true));
        if (refused.Count > 0) return Problems.Invalid(refused, StatusCodes.Status422UnprocessableEntity);
        if (request.Comment is { Length: > 2000 })
            return Problems.Invalid("comment", "A comment is at most 2000 characters.");
        var user = CurrentUser.From(principal);

        for (var attempt = 1; ; attempt++)
        {
            // A retry must see the database as it is now, not what the lost attempt had loaded.
            db.ChangeTracker.Clear();
            try
            {
                return await TryApprove(id, request, user, db, clock, ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
            }
            catch (DbUpdateConcurrencyException)
            {
                return Problems.Conflict("The review kept changing while approving it; reload and try again.");
            }
            catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
            {
                return Problems.Conflict("You have already approved this review.");
            }
        }
    }

    private static async Task<Results<Ok<ApproveResponse>, ProblemHttpResult>> TryApprove(
        Guid id, ApproveRequest request, CurrentUser user, ReviewDbContext db, TimeProvider clock, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var task = await db.Reviews.Include(t => t.Approvals).SingleOrDefaultAsync(t => t.Id == id, ct);
        if (task is null) return Problems.NotFound($"No review has the id '{id}'.");
        if (task.Status != ReviewStatus.Pending) return Problems.Conflict($"This review is closed ({task.Status}).");
        if (SignOffRules.IsAuthor(task.AuthorId, user)) return Problems.Forbidden("The author of a revision cannot approve it.");
        if (SignOffRules.LacksQualification(task.ChangeClass, user))
            return Problems.Forbidden($"A {task.ChangeClass} change needs a reviewer with a recorded qualification.");
        if (SignOffRules.LacksReferencesCheck(task.ChangeClass, request.ReferencesChecked))
            return Problems.Invalid("referencesChecked",
                $"Confirm the references were checked before approving a {task.ChangeClass} change.",
                StatusCodes.Status422UnprocessableEntity);
        if (SignOffRules.HasApproved(task, user))
            return Problems.Conflict("You have already approved this review.");

        var now = clock.GetUtcNow();
        task.Approvals.Add(new ReviewApprovalRecord
        {
            ReviewId = task.Id, ReviewerId = user.Id, ReviewerName = user.Name, Qualification = user.Qualification,
            Comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim(),
            ReferencesChecked = request.ReferencesChecked == true, ApprovedAt = now,
        });
        task.Version++;

        if (SignOffRules.IsFullyApproved(task))
        {
            task.Status = ReviewStatus.Approved;
            task.ClosedAt = now;
            var approvals = task.Approvals
                .OrderBy(a => a.ApprovedAt)
                .Select(a => new Approval(a.ReviewerId, a.ReviewerName, a.Qualification, a.Comment, a.ReferencesChecked, a.ApprovedAt))
                .ToList();
            db.AddOutboxMessage(new ReviewApproved(
                task.Id, task.ContentId, task.Slug, task.Revision, task.ChangeClass, approvals, now), now);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(new ApproveResponse(
            task.Status, task.Approvals.Count, GetReview.Remaining(task.RequiredApprovals, task.Approvals.Count)));
    }
}
