using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Notifications.Data;
using Publishing.Notifications.Webhooks;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Notifications.Subscriptions;

/// <param name="Outcome">
/// <c>delivered</c>, <c>failed</c>, <c>sending</c> (its request is out now) or <c>interrupted</c> (the
/// process sending it stopped before its outcome was stored: the site may or may not have it).
/// </param>
public sealed record AttemptView(DateTimeOffset At, int? Status, long? DurationMs, string? Error, string Outcome);

public sealed record DeliveryView(
    long Id, string WebhookId, string Event, string Slug, int Revision, string State, DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt, string? LastError, IReadOnlyList<AttemptView> Attempts);

/// <summary>A subscription's deliveries, newest first, each with every attempt.</summary>
public static class ListDeliveries
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static async Task<Results<Ok<List<DeliveryView>>, ProblemHttpResult>> Handle(
        Guid id, string? state, string? slug, int? limit, NotificationsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit) return Problems.Invalid("limit", $"The limit must be between 1 and {MaxLimit}.");
        string[] states = [DeliveryStates.Pending, DeliveryStates.Delivered, DeliveryStates.Failed, DeliveryStates.Disabled];
        if (state is not null && !states.Contains(state))
            return Problems.Invalid("state", $"The state is one of {string.Join(", ", states)}.");
        if (slug is not null && !Slug.IsValid(slug)) return Problems.BadSlug();
        if (!await db.Subscriptions.AnyAsync(s => s.Id == id, ct)) return Problems.NotFound($"No subscription has the id '{id}'.");

        var query = db.Deliveries.AsNoTracking().Where(d => d.SubscriptionId == id);
        if (state is not null) query = query.Where(d => d.State == state);
        if (slug is not null) query = query.Where(d => d.Slug == slug);
        var rows = await query.OrderByDescending(d => d.Id).Take(take).Include(d => d.AttemptLog).AsSplitQuery().ToListAsync(ct);
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();

        return TypedResults.Ok(rows.Select(d => new DeliveryView(
            d.Id, d.WebhookId, d.EventType, d.Slug, d.Revision, d.State, d.CreatedAt,
            // A claimed row's due time is its lease; it is being sent now.
            d.State == DeliveryStates.Pending ? DateTimeOffset.FromUnixTimeMilliseconds(d.NextAttemptAt) : null,
            d.DeliveredAt, d.LastError,
            d.AttemptLog.OrderBy(a => a.Id).Select(a => View(d, a, nowMs)).ToList())).ToList());
    }

    private static AttemptView View(Delivery d, DeliveryAttempt a, long nowMs)
    {
        if (a.Token is null)
            return new AttemptView(a.At, a.Status, a.DurationMs, a.Error, a.Status is >= 200 and < 300 ? "delivered" : "failed");
        // Without an outcome: in flight while its claim still holds the row, otherwise its process died.
        return a.Token == d.LockToken && d.State == DeliveryStates.Pending && d.NextAttemptAt > nowMs
            ? new AttemptView(a.At, null, null, null, "sending")
            : new AttemptView(a.At, null, null, AttemptReasons.Interrupted, "interrupted");
    }
}
