using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Notifications.Data;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Notifications.Events;

public sealed record ReceivedEventView(
    long Id, Guid MessageId, string EventType, string Slug, int Revision, DateTimeOffset OccurredAt, DateTimeOffset ReceivedAt);

public static class ListEvents
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static async Task<Results<Ok<List<ReceivedEventView>>, ProblemHttpResult>> Handle(
        string? slug, int? limit, NotificationsDbContext db, CancellationToken ct)
    {
        if (slug is not null && !Slug.IsValid(slug)) return Problems.BadSlug();
        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit) return Problems.Invalid("limit", $"The limit must be between 1 and {MaxLimit}.");

        var query = db.ReceivedEvents.AsNoTracking();
        if (slug is not null) query = query.Where(e => e.Slug == slug);
        var events = await query
            .OrderByDescending(e => e.Id)
            .Take(take)
            .Select(e => new ReceivedEventView(e.Id, e.MessageId, e.EventType, e.Slug, e.Revision, e.OccurredAt, e.ReceivedAt))
            .ToListAsync(ct);
        return TypedResults.Ok(events);
    }
}
