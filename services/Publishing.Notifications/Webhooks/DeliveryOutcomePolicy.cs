using Microsoft.Extensions.Options;
using Publishing.Notifications.Data;

namespace Publishing.Notifications.Webhooks;

/// <summary>
/// What an attempt's result does to its delivery and subscription: delivered; retried on the
/// <see cref="RetrySchedule"/>; failed for good once the schedule is spent; or disabled, with its
/// subscription when <see cref="SubscriptionDisablePolicy"/> says so.
/// </summary>
public sealed class DeliveryOutcomePolicy(
    SubscriptionDisabler disabler, IOptions<WebhookOptions> options, ILogger<DeliveryOutcomePolicy> log)
{
    private readonly WebhookOptions _options = options.Value;

    /// <summary>Records the attempt on the tracked rows and moves the delivery on; the caller saves.</summary>
    /// <returns>Whether the subscription was disabled by this outcome.</returns>
    public async Task<bool> ApplyAsync(
        NotificationsDbContext db, Delivery delivery, Subscription subscription, DateTimeOffset attemptAt, AttemptResult result,
        DateTimeOffset now, CancellationToken ct)
    {
        delivery.Attempts++;
        delivery.LockToken = null;
        delivery.LastError = result.Error;
        db.DeliveryAttempts.Add(new DeliveryAttempt
        {
            DeliveryId = delivery.Id, At = attemptAt, Status = result.Status, DurationMs = result.DurationMs, Error = result.Error,
        });

        if (result.Delivered)
        {
            delivery.State = DeliveryStates.Delivered;
            delivery.DeliveredAt = now;
            subscription.FailingSince = null;
            subscription.LastSuccessAt = now;
            return false;
        }

        log.LogInformation("Webhook {WebhookId} (delivery {Id}) failed on attempt {Attempt}: {Error}",
            delivery.WebhookId, delivery.Id, delivery.Attempts, result.Error);
        if (subscription.State != SubscriptionStates.Active)
        {
            delivery.State = DeliveryStates.Disabled;
            return false;
        }

        var verdict = SubscriptionDisablePolicy.AfterFailure(result, subscription.FailingSince, attemptAt, _options.DisableAfter);
        subscription.FailingSince = verdict.FailingSince;
        if (verdict.DisableReason is { } reason)
        {
            delivery.State = DeliveryStates.Disabled;
            await disabler.DisableAsync(db, subscription, delivery.Id, reason, now, ct);
            return true;
        }

        delivery.RetryStep++;
        var wait = RetrySchedule.After(delivery.RetryStep, Random.Shared.NextDouble(), result.RetryAfter);
        if (wait is null)
        {
            delivery.State = DeliveryStates.Failed;
            return false;
        }
        delivery.NextAttemptAt = (now + wait.Value).ToUnixTimeMilliseconds();
        return false;
    }
}
