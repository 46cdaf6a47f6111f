using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Data;
using Publishing.Authoring.GoLive;
using Publishing.ServiceDefaults.Auth;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Authoring.Content;

/// <summary>
/// <see cref="ConfirmTitle"/>, when sent, must be the published title (spacing and case aside), so a
/// withdrawal of the wrong item, or one clicked through by habit, changes nothing.
/// <see cref="PublishAt"/> is read only to refuse it: a withdrawal is immediate, never scheduled.
/// </summary>
public sealed record WithdrawRequest(
    [property: JsonConverter(typeof(JsonText))] string? Reason,
    [property: JsonConverter(typeof(JsonText))] string? ConfirmTitle = null,
    JsonElement? PublishAt = null);

public sealed record WithdrawResponse(string Slug, int Revision, DateTimeOffset WithdrawnAt);

/// <summary>
/// The safety fast track: a reviewer or admin takes the published revision down at once, with a
/// reason, and subscribers hear of it immediately. No second sign-off: speed is the point.
/// </summary>
public static class WithdrawContent
{
    public static async Task<Results<Accepted<WithdrawResponse>, ProblemHttpResult>> Handle(
        string slug, WithdrawRequest request, ClaimsPrincipal principal, AuthoringDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        var refused = TextHygiene.Refused(("reason", request.Reason, true), ("confirmTitle", request.ConfirmTitle, false));
        if (refused.Count > 0) return Problems.Invalid(refused, StatusCodes.Status422UnprocessableEntity);
        if (string.IsNullOrWhiteSpace(request.Reason))
            return Problems.Invalid("reason", "Say why the content is withdrawn; subscribers and readers see it.");
        if (request.Reason.Length > 2000) return Problems.Invalid("reason", "A reason is at most 2000 characters.");
        if (request.PublishAt is { ValueKind: not JsonValueKind.Null })
            return Problems.Invalid(GoLiveTime.Field,
                "A withdrawal takes effect at once and cannot be scheduled; send it without publishAt when it should happen.",
                StatusCodes.Status422UnprocessableEntity);

        var (item, problem) = await db.FindAsync(slug, ct, track: true);
        if (item is null) return problem!;
        if (item.PublishedRevision is not { } revision)
            return Problems.Conflict(item.WithdrawnAt is null
                ? "Nothing of this item is published, so there is nothing to withdraw."
                : "This item is already withdrawn.");

        var title = await db.Revisions.Where(r => r.ContentId == item.Id && r.Number == revision).Select(r => r.Title).SingleAsync(ct);
        if (request.ConfirmTitle is { } typed && !Withdrawal.SameTitle(typed, title))
            return Problems.Invalid("confirmTitle",
                $"Type the published title, {title}, to confirm; nothing was withdrawn.", StatusCodes.Status422UnprocessableEntity);

        var user = CurrentUser.From(principal);
        var now = clock.GetUtcNow();
        var reason = request.Reason.Trim();
        Withdrawal.Withdraw(db, item, revision, title, reason, user.Id, user.Name, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict("The item changed while it was being withdrawn; reload and try again.");
        }
        return TypedResults.Accepted($"/api/published/{item.Slug}", new WithdrawResponse(item.Slug, revision, now));
    }
}
