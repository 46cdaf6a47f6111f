using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Data;
using Publishing.ServiceDefaults.Auth;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Authoring.GoLive;

/// <summary><c>DELETE /api/content/{slug}/schedule</c>: the item stays approved and unpublished until an editor publishes or schedules it.</summary>
public static class CancelGoLiveTime
{
    public static async Task<Results<Ok<GoLiveView>, ProblemHttpResult>> Handle(
        string slug, ClaimsPrincipal principal, AuthoringDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var (item, submission, problem) = await GoLiveEndpoints.WaitingAsync(db, slug, ct);
        if (item is null) return problem!;
        if (item.Status != ContentStatus.Scheduled)
            return Problems.Conflict("This item has no go-live time to cancel; it is approved and waits for an editor.");

        var user = CurrentUser.From(principal);
        GoLiveSchedule.Cancel(db, item, submission!.Revision, user.Id, user.Name, null, clock.GetUtcNow());
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
