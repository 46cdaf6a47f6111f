namespace Publishing.Notifications.Webhooks;

/// <summary>
/// When a webhook subscription is disabled, decided for each failed attempt at one of its deliveries:
/// at once when the endpoint answers 410 Gone, or when every attempt has failed for
/// <see cref="WebhookOptions.DisableAfter"/> (five days by default) without one success in between.
/// A failed run starts at its first failed attempt and any delivered attempt ends it. Only an active
/// subscription is judged; disabling it (stopping its deliveries, telling its owner) is
/// <see cref="SubscriptionDisabler"/>'s job.
/// </summary>
public static class SubscriptionDisablePolicy
{
    public const string GoneReason = "The endpoint answered 410 Gone.";

    /// <summary>What a failed attempt leaves: the start of the failed run, and why the subscription is disabled (null: it stays active).</summary>
    public readonly record struct Verdict(DateTimeOffset? FailingSince, string? DisableReason)
    {
        public bool Disables => DisableReason is not null;
    }

    /// <param name="result">The failed attempt.</param>
    /// <param name="failingSince">When the subscription's run of failed attempts began; null when its last attempt succeeded.</param>
    /// <param name="attemptAt">When this attempt was made.</param>
    /// <param name="disableAfter">How long a run of failures may last before the subscription is disabled.</param>
    public static Verdict AfterFailure(AttemptResult result, DateTimeOffset? failingSince, DateTimeOffset attemptAt, TimeSpan disableAfter)
    {
        if (result.Delivered) throw new ArgumentException("The attempt delivered; only a failed attempt is judged.", nameof(result));
        if (result.Gone) return new Verdict(failingSince, GoneReason);

        var since = failingSince ?? attemptAt;
        return attemptAt - since >= disableAfter
            ? new Verdict(since, $"Every attempt has failed since {since:u}.")
            : new Verdict(since, null);
    }
}
