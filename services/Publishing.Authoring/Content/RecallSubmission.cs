using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Data;
using Publishing.Contracts;
using Publishing.Messaging.Outbox;
using Publishing.ServiceDefaults.Auth;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Authoring.Content;

/// <summary>
/// An editor takes a submission back before its review ends, to edit the item again: the item is a
/// draft, the trail says who recalled it, and Review closes the task (<see cref="SubmissionRecalled"/>).
/// An approval that arrives afterwards publishes nothing, as for any review that is no longer open. A
/// release it was a member of reports the member as recalled at its check.
/// </summary>
public static class RecallSubmission
{
    public static async Task<Results<Ok<SubmissionView>, ProblemHttpResult>> Handle(
        string slug, Guid id, ClaimsPrincipal principal, AuthoringDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var (item, problem) = await db.FindAsync(slug, ct, track: true);
        if (item is null) return problem!;
        var submission = await db.Submissions.SingleOrDefaultAsync(s => s.Id == id && s.ContentId == item.Id, ct);
        if (submission is null) return Problems.NotFound($"'{slug}' has no submission '{id}'.");
        // An approved submission held for its release can be taken back too: it is not live yet.
        var open = (item.Status == ContentStatus.InReview && submission.Status == SubmissionStatus.Pending)
            || (item.Status == ContentStatus.Approved && submission.Status == SubmissionStatus.Approved);
        if (!open || item.OpenReviewId != id)
            return Problems.Conflict($"This submission is no longer in review ({submission.Status}); there is nothing to recall.");

        var user = CurrentUser.From(principal);
        var now = clock.GetUtcNow();
        submission.Status = SubmissionStatus.Recalled;
        item.Status = ContentStatus.Draft;
        item.OpenReviewId = null;
        db.Record(item, submission.Revision, "recalled", user, $"Submission recalled before its review ended ({submission.ChangeClass}).", now);
        db.AddOutboxMessage(new SubmissionRecalled(item.Id, item.Slug, submission.Revision, now, id, user.Id, user.Name), now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict("The review ended while recalling it; reload to see how.");
        }
        return TypedResults.Ok(SubmissionView.From(item, submission));
    }
}
