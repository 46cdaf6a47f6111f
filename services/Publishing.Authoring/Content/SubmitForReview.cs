using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Content.Guards;
using Publishing.Authoring.Data;
using Publishing.Authoring.GoLive;
using Publishing.Contracts;
using Publishing.Messaging.Outbox;
using Publishing.ServiceDefaults.Auth;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Authoring.Content;

public sealed record SubmitRequest(
    [property: JsonConverter(typeof(JsonText))] string? ChangeSummary,
    [property: JsonConverter(typeof(JsonText))] string? Reason,
    [property: JsonConverter(typeof(JsonText))] string? ChangeClass,
    [property: JsonConverter(typeof(JsonText))] string? PublishAt = null);

/// <param name="Warnings">What the guards noticed; stored with the submission for the reviewers.</param>
/// <param name="PublishAt">The go-live time asked for (UTC): approval then schedules the revision for it instead of publishing.</param>
public sealed record SubmitResponse(
    Guid ReviewId, int Revision, string ChangeClass, int RequiredApprovals, IReadOnlyList<GuardWarning> Warnings, DateTimeOffset? PublishAt);

/// <summary>Sends the working copy for clinical review with the class its changes need.</summary>
public static class SubmitForReview
{
    public static readonly IReadOnlySet<string> Reasons = new HashSet<string> { "new-evidence", "regulatory", "safety", "editorial" };

    public static async Task<Results<Accepted<SubmitResponse>, ProblemHttpResult>> Handle(
        string slug, SubmitRequest request, ClaimsPrincipal principal, AuthoringDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug();
        var refused = TextHygiene.Refused(
            ("changeSummary", request.ChangeSummary, true), ("reason", request.Reason, false), ("changeClass", request.ChangeClass, false));
        if (refused.Count > 0) return Problems.Invalid(refused, StatusCodes.Status422UnprocessableEntity);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.ChangeSummary)) errors["changeSummary"] = ["Say what changed, for the reviewers."];
        else if (request.ChangeSummary.Length > 2000) errors["changeSummary"] = ["A change summary is at most 2000 characters."];
        if (request.Reason is null || !Reasons.Contains(request.Reason))
            errors["reason"] = ["The reason must be one of new-evidence, regulatory, safety, editorial."];
        if (request.ChangeClass is not null && !ChangeClasses.IsKnown(request.ChangeClass))
            errors["changeClass"] = ["The change class must be editorial, clinical or safety."];
        if (errors.Count > 0) return Problems.Invalid(errors);
        DateTimeOffset? publishAt = null;
        if (!string.IsNullOrWhiteSpace(request.PublishAt))
        {
            var (at, error) = GoLiveTime.Read(request.PublishAt, clock.GetUtcNow());
            if (error is not null) return Problems.Invalid(GoLiveTime.Field, error, StatusCodes.Status422UnprocessableEntity);
            publishAt = at;
        }

        var item = await db.Content.SingleOrDefaultAsync(c => c.Slug == slug, ct);
        if (item is null) return Problems.NotFound($"No content has the slug '{slug}'.");
        if (item.Status is not (ContentStatus.Draft or ContentStatus.ChangesRequested))
            return Problems.Conflict($"Only a draft can be submitted; this item is {item.Status}.");

        var working = await db.Revisions.SingleAsync(r => r.ContentId == item.Id && r.Number == item.CurrentRevision, ct);
        ContentRevision? published = null;
        if (item.PublishedRevision is { } p)
            published = await db.Revisions.SingleAsync(r => r.ContentId == item.Id && r.Number == p, ct);

        var fields = Json.Parse(working.Fields);
        var (warnings, changes, computed) = await ContentGuards.CheckAsync(db, item, working, published, ct);
        if (changes.Count == 0 && item.PublishedRevision is not null)
            return Problems.Conflict("Nothing changed since the published revision.");

        if (request.ChangeClass is { } requested && ChangeClasses.Rank(requested) < ChangeClasses.Rank(computed))
            return Problems.Invalid("changeClass",
                $"These changes are {computed}; the class can be raised but not lowered to {requested}.", StatusCodes.Status422UnprocessableEntity);
        var changeClass = request.ChangeClass is { } r2 ? ChangeClasses.Max(r2, computed) : computed;

        if (item.Type == ContentTypes.Drug && changeClass != ChangeClasses.Editorial && !HasReference(fields))
            return Problems.Invalid("fields.references",
                "A clinical or safety change to a drug entry needs at least one reference.", StatusCodes.Status422UnprocessableEntity);

        var user = CurrentUser.From(principal);
        var now = clock.GetUtcNow();
        var submission = new Submission
        {
            Id = Guid.NewGuid(), ContentId = item.Id, Revision = item.CurrentRevision, ChangeClass = changeClass,
            RequiredApprovals = ChangeClasses.RequiredApprovals(changeClass), Reason = request.Reason!,
            ChangeSummary = request.ChangeSummary!.Trim(), SubmittedById = user.Id, SubmittedByName = user.Name,
            SubmittedAt = now, Status = SubmissionStatus.Pending, PublishAt = publishAt,
            Warnings = warnings.Count == 0 ? null : JsonSerializer.Serialize(warnings, JsonSerializerOptions.Web),
        };
        db.Submissions.Add(submission);
        item.Status = ContentStatus.InReview;
        item.OpenReviewId = submission.Id;
        item.ReviewComment = null;
        db.Record(item, item.CurrentRevision, "submitted", user, publishAt is { } embargo
            ? $"{changeClass}: {submission.ChangeSummary} Once approved, goes live at {GoLiveTime.Format(embargo)}."
            : $"{changeClass}: {submission.ChangeSummary}", now);
        db.AddOutboxMessage(new ContentSubmittedForReview(
            item.Id, item.Slug, item.CurrentRevision, now, submission.Id, item.Type, working.Title, changeClass,
            submission.RequiredApprovals, submission.Reason, submission.ChangeSummary, working.AuthorId, working.AuthorName,
            changes.ToList()), now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict("The item changed while it was being submitted; reload and submit again.");
        }

        return TypedResults.Accepted($"/api/reviews/{submission.Id}",
            new SubmitResponse(submission.Id, submission.Revision, changeClass, submission.RequiredApprovals, warnings, publishAt));
    }

    private static bool HasReference(JsonElement fields) =>
        fields.TryGetProperty("references", out var refs) && refs.ValueKind == JsonValueKind.Array && refs.GetArrayLength() > 0;
}
