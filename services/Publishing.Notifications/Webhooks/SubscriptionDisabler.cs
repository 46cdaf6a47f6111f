using Microsoft.EntityFrameworkCore;
using Publishing.Notifications.Data;
using Publishing.Notifications.Email;

namespace Publishing.Notifications.Webhooks;

/// <summary>
/// Disables a subscription once <see cref="SubscriptionDisablePolicy"/> says so: stops its other pending
/// deliveries and queues an e-mail to its owner, all in the caller's transaction.
/// </summary>
public sealed class SubscriptionDisabler(StaffDirectory staff, ILogger<SubscriptionDisabler> log)
{
    public const string EmailKind = "subscription-disabled";

    /// <param name="currentDelivery">The delivery whose attempt decided it; the caller closes that one.</param>
    public async Task DisableAsync(
        NotificationsDbContext db, Subscription subscription, long currentDelivery, string reason, DateTimeOffset now, CancellationToken ct)
    {
        subscription.State = SubscriptionStates.Disabled;
        subscription.DisabledAt = now;
        subscription.DisabledReason = reason;
        // Rows another task is sending keep their claim; that task records its attempt and, the
        // subscription being disabled, leaves them disabled too.
        await db.Deliveries
            .Where(d => d.SubscriptionId == subscription.Id && d.State == DeliveryStates.Pending && d.Id != currentDelivery && d.LockToken == null)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.State, DeliveryStates.Disabled), ct);

        var recipients = staff.OwnerOf(subscription);
        foreach (var to in recipients)
            EmailQueue.Add(db, to, EmailKind, Subject(subscription), Body(to, subscription, reason, now), now);
        if (recipients.Count == 0)
            log.LogWarning("Subscription {Id} was disabled but nobody on staff can be told (owner {Owner})", subscription.Id, subscription.OwnerId);
        log.LogWarning("Disabled webhook subscription {Id} ({Url}): {Reason}", subscription.Id, subscription.Url, reason);
    }

    public static string Subject(Subscription subscription) => $"Webhook subscription disabled: {subscription.Name}";

    public static string Body(Recipient to, Subscription subscription, string reason, DateTimeOffset disabledAt) =>
        $"""
        Hello {to.Name},

        The webhook subscription "{subscription.Name}" ({subscription.Id}) was disabled on {disabledAt:u}.

        URL: {subscription.Url}
        Reason: {reason}

        No more events are sent to it. Create a new subscription once the endpoint works again;
        the delivery log (GET /api/subscriptions/{subscription.Id}/deliveries) shows every attempt.
        """;
}
