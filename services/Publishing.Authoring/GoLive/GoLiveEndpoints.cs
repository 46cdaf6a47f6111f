using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Content;
using Publishing.Authoring.Data;
using Publishing.ServiceDefaults.Auth;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Authoring.GoLive;

public sealed record ScheduleRequest([property: JsonConverter(typeof(JsonText))] string? PublishAt);

/// <summary>An approved item's go-live state after a change: <c>scheduled</c> with its time, <c>approved</c>, or <c>published</c>.</summary>
public sealed record GoLiveView(string Slug, string Status, int Revision, int? PublishedRevision, DateTimeOffset? PublishAt);

/// <summary>
/// An editor's say over an approved revision that is not live yet: <c>PUT /schedule</c> sets or moves
/// its go-live time, <c>DELETE /schedule</c> cancels it (approved, unpublished), <c>POST /publication</c>
/// publishes it now.
/// </summary>
public static class GoLiveEndpoints
{
    public static RouteGroupBuilder MapGoLiveEndpoints(this RouteGroupBuilder content)
    {
        content.MapPut("/{slug}/schedule", SetGoLiveTime.Handle).RequireAuthorization(Policies.Editor);
        content.MapDelete("/{slug}/schedule", CancelGoLiveTime.Handle).RequireAuthorization(Policies.Editor);
        content.MapPost("/{slug}/publication", PublishNow.Handle).RequireAuthorization(Policies.Editor);
        return content;
    }

    /// <summary>The item and its approved, unpublished submission, or the problem to answer (404, or 409 when nothing is waiting to go live).</summary>
    internal static async Task<(ContentItem? Item, Submission? Submission, ProblemHttpResult? Problem)> WaitingAsync(
        AuthoringDbContext db, string slug, CancellationToken ct)
    {
        var (item, problem) = await db.FindAsync(slug, ct, track: true);
        if (item is null) return (null, null, problem);
        if (item.Status is not (ContentStatus.Approved or ContentStatus.Scheduled) || item.OpenReviewId is not { } id)
            return (null, null, Problems.Conflict(
                $"Only an approved revision that is not live yet has a go-live time; this item is {item.Status}."));
        var submission = await db.Submissions.SingleAsync(s => s.Id == id, ct);
        return (item, submission, null);
    }

    internal static GoLiveView View(ContentItem item) =>
        new(item.Slug, item.Status, item.CurrentRevision, item.PublishedRevision, item.PublishAt);

    internal static ProblemHttpResult Raced() =>
        Problems.Conflict("The item went live or its go-live time changed meanwhile; reload to see what happened.");
}
