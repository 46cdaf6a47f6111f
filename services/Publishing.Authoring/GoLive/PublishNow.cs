using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Content;
using Publishing.Authoring.Data;
using Publishing.Authoring.ReviewOutcomes;
using Publishing.Contracts;
using Publishing.ServiceDefaults.Auth;

namespace Publishing.Authoring.GoLive;

/// <summary>
/// <c>POST /api/content/{slug}/publication</c>: an approved or scheduled revision goes live now, with
/// the sign-offs its review gave. The trail says which editor lifted the go-live time, and from what.
/// </summary>
public static class PublishNow
{
    public static async Task<Results<Ok<GoLiveView>, ProblemHttpResult>> Handle(
        string slug, ClaimsPrincipal principal, AuthoringDbContext db, Publication publication, TimeProvider clock, CancellationToken ct)
    {
        var (item, submission, problem) = await GoLiveEndpoints.WaitingAsync(db, slug, ct);
        if (item is null) return problem!;

        var user = CurrentUser.From(principal);
        var now = clock.GetUtcNow();
        var revision = await db.Revisions.SingleAsync(r => r.ContentId == item.Id && r.Number == submission!.Revision, ct);
        var approvals = submission!.Approvals is null ? [] : JsonSerializer.Deserialize<List<Approval>>(submission.Approvals, JsonSerializerOptions.Web)!;
        db.Record(item, revision.Number, "published-now", user, item.PublishAt is { } at
            ? $"Published now instead of at {GoLiveTime.Format(at)}."
            : "Published now.", now);
        publication.Publish(db, item, revision, submission, approvals, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return GoLiveEndpoints.Raced();
        }
        return TypedResults.Ok(GoLiveEndpoints.View(item));
    }
}
