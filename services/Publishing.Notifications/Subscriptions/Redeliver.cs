using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Notifications.Data;
using Publishing.Notifications.Webhooks;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Notifications.Subscriptions;

/// <summary>
/// Queues a delivery again now, whatever became of it, with the same webhook-id (so a subscriber that
/// already has it recognises it) and a fresh retry schedule.
/// </summary>
public static class Redeliver
{
    public static async Task<Results<Accepted, ProblemHttpResult>> Handle(
        Guid id, long deliveryId, NotificationsDbContext db, DeliverySignal signal, TimeProvider clock, CancellationToken ct)
    {
        var subscription = await db.Subscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (subscription is null) return Problems.NotFound($"No subscription has the id '{id}'.");
        var delivery = await db.Deliveries.SingleOrDefaultAsync(d => d.Id == deliveryId && d.SubscriptionId == id, ct);
        if (delivery is null) return Problems.NotFound($"Subscription '{id}' has no delivery {deliveryId}.");
        if (subscription.State != SubscriptionStates.Active)
            return Problems.Conflict("The subscription is disabled; create a new one once the endpoint works again.");

        var now = clock.GetUtcNow();
        if (delivery.LockToken is not null && delivery.NextAttemptAt > now.ToUnixTimeMilliseconds())
            return Problems.Conflict("This delivery is being attempted right now; look at its log in a moment.");

        delivery.State = DeliveryStates.Pending;
        delivery.NextAttemptAt = now.ToUnixTimeMilliseconds();
        delivery.LockToken = null;
        delivery.RetryStep = 0;
        delivery.DeliveredAt = null;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict("This delivery was just claimed for an attempt; look at its log in a moment.");
        }
        signal.Notify();
        return TypedResults.Accepted($"/api/subscriptions/{id}/deliveries");
    }
}
