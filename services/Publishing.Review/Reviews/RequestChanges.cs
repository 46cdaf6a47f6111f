using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Contracts;
using Publishing.Messaging.Outbox;
using Publishing.Review.Data;
using Publishing.ServiceDefaults.Auth;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Review.Reviews;

public sealed record ChangeRequest([property: JsonConverter(typeof(JsonText))] string? Comment);

public sealed record ChangeRequestResponse(string Status);

/// <summary>Closes the review and sends the item back to its editor with the reviewer's comment.</summary>
public static class RequestChanges
{
    public static async Task<Results<Ok<ChangeRequestResponse>, ProblemHttpResult>> Handle(
        Guid id, ChangeRequest request, ClaimsPrincipal principal, ReviewDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        var task = await db.Reviews.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (task is null) return Problems.NotFound($"No review has the id '{id}'.");
        if (task.Status != ReviewStatus.Pending) return Problems.Conflict($"This review is closed ({task.Status}).");
        var refused = TextHygiene.Refused(("comment", request.Comment, true));
        if (refused.Count > 0) return Problems.Invalid(refused, StatusCodes.Status422UnprocessableEntity);
        if (string.IsNullOrWhiteSpace(request.Comment))
            return Problems.Invalid("comment", "Say what needs to change, for the editor.");
        if (request.Comment.Length > 2000)
            return Problems.Invalid("comment", "A comment is at most 2000 characters.");

        var user = CurrentUser.From(principal);
        if (SignOffRules.IsAuthor(task.AuthorId, user)) return Problems.Forbidden("The author of a revision cannot review it.");

        var now = clock.GetUtcNow();
        var comment = request.Comment.Trim();
        task.Status = ReviewStatus.ChangesRequested;
        task.ClosedAt = now;
        // Bumping the token makes a concurrent approval (or another change request) lose cleanly.
        task.Version++;
        db.AddOutboxMessage(new ChangesRequested(
            task.Id, task.ContentId, task.Slug, task.Revision, user.Id, user.Name, comment, now), now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict("The review changed while requesting changes; reload and try again.");
        }

        return TypedResults.Ok(new ChangeRequestResponse(task.Status));
    }
}
