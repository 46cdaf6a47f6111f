using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Data;
using Publishing.ServiceDefaults.Auth;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Authoring.GoLive;

/// <summary><c>PUT /api/content/{slug}/schedule</c>: schedules an approved item, or moves a scheduled item's go-live time.</summary>
public static class SetGoLiveTime
{
    public static async Task<Results<Ok<GoLiveView>, ProblemHttpResult>> Handle(
        string slug, ScheduleRequest request, ClaimsPrincipal principal, AuthoringDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (string.IsNullOrWhiteSpace(request.PublishAt))
            return Problems.Invalid(GoLiveTime.Field, "Give the go-live time, e.g. 2027-03-01T09:00:00Z (UTC); to cancel it, DELETE the schedule.");
        var (at, error) = GoLiveTime.Read(request.PublishAt, now);
        if (error is not null) return Problems.Invalid(GoLiveTime.Field, error, StatusCodes.Status422UnprocessableEntity);

        var (item, submission, problem) = await GoLiveEndpoints.WaitingAsync(db, slug, ct);
        if (item is null) return problem!;
        if (item.PublishAt == at) return TypedResults.Ok(GoLiveEndpoints.View(item));

        var user = CurrentUser.From(principal);
        GoLiveSchedule.Set(db, item, submission!.Revision, at!.Value, user.Id, user.Name, null, now);
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
