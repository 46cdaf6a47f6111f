using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Contracts;
using Publishing.Messaging.Outbox;
using Publishing.Review.Data;
using Publishing.Review.Reviews;
using Publishing.ServiceDefaults.Auth;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Review.Periodic;

public sealed record PeriodicReviewRequest(
    [property: JsonConverter(typeof(JsonText))] string? Slug,
    [property: JsonConverter(typeof(JsonText))] string? Comment,
    bool? ReferencesChecked);

public sealed record PeriodicReviewResponse(Guid ReviewId, string Slug, int Revision);

/// <summary>
/// A qualified reviewer re-checked a published revision and found nothing to change. Review records
/// it and tells Authoring, which owns the review dates (202: the dates move once Authoring has it).
/// </summary>
public static class ConfirmPeriodicReview
{
    public static async Task<Results<Accepted<PeriodicReviewResponse>, ProblemHttpResult>> Handle(
        PeriodicReviewRequest request, ClaimsPrincipal principal, ReviewDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        var refused = TextHygiene.Refused(("slug", request.Slug, false), ("comment", request.Comment, true));
        if (refused.Count > 0) return Problems.Invalid(refused, StatusCodes.Status422UnprocessableEntity);
        if (!Slug.IsValid(request.Slug)) return Problems.BadSlug();
        if (request.Comment is { Length: > 2000 })
            return Problems.Invalid("comment", "A comment is at most 2000 characters.");

        // Who may confirm is decided before what: an unqualified caller learns nothing about the item.
        var user = CurrentUser.From(principal);
        // Confirming content as still accurate is a clinical sign-off, so the same bar as a clinical approval.
        if (!SignOffRules.IsQualified(user.Qualification))
            return Problems.Forbidden("A periodic review needs a reviewer with a recorded qualification.");

        var item = await db.PublishedItems.AsNoTracking().SingleOrDefaultAsync(i => i.Slug == request.Slug, ct);
        if (item is null || item.Withdrawn)
            return Problems.NotFound($"Nothing is published under '{request.Slug}'.");
        if (SignOffRules.IsAuthor(item.AuthorId, user))
            return Problems.Forbidden("The author of the published revision cannot confirm it; another reviewer must.");
        if (SignOffRules.LacksReferencesCheck(ChangeClasses.Clinical, request.ReferencesChecked))
            return Problems.Invalid("referencesChecked", "Confirm the references were checked before confirming the content.",
                StatusCodes.Status422UnprocessableEntity);

        var now = clock.GetUtcNow();
        var comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        var review = new PeriodicReview
        {
            Id = Guid.NewGuid(), ContentId = item.ContentId, Slug = item.Slug, Revision = item.Revision,
            ReviewerId = user.Id, ReviewerName = user.Name, Qualification = user.Qualification, Comment = comment, At = now,
        };
        db.PeriodicReviews.Add(review);
        db.AddOutboxMessage(new PeriodicReviewCompleted(
            review.Id, item.ContentId, item.Slug, item.Revision,
            new Approval(user.Id, user.Name, user.Qualification, comment, ReferencesChecked: true, now), now), now);
        // One SaveChanges: the record and its event commit together or not at all.
        await db.SaveChangesAsync(ct);

        return TypedResults.Accepted((string?)null, new PeriodicReviewResponse(review.Id, item.Slug, item.Revision));
    }
}
