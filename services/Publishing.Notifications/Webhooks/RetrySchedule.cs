namespace Publishing.Notifications.Webhooks;

/// <summary>
/// When a failed delivery is tried again: ten attempts spread over about three days, later when the
/// site asks (Retry-After) but never sooner. When its subscription is disabled instead is
/// <see cref="SubscriptionDisablePolicy"/>.
/// </summary>
public static class RetrySchedule
{
    /// <summary>The wait after the first, second, ... failed attempt; after the last entry it has failed.</summary>
    public static readonly TimeSpan[] Delays =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(14), TimeSpan.FromHours(20),
        TimeSpan.FromHours(24),
    ];

    /// <summary>The longest wait a site's Retry-After is followed for.</summary>
    public static readonly TimeSpan LongestRetryAfter = TimeSpan.FromHours(24);

    /// <summary>Attempts in all: the first (now) and one after each delay.</summary>
    public static int MaxAttempts => Delays.Length + 1;

    /// <summary>The wait after failed attempt number <paramref name="failed"/> (1-based), ±10% jitter; null when none is left.</summary>
    public static TimeSpan? After(int failed, double random)
    {
        if (failed < 1 || failed > Delays.Length) return null;
        var jitter = 0.9 + 0.2 * random;
        return TimeSpan.FromMilliseconds(Delays[failed - 1].TotalMilliseconds * jitter);
    }

    /// <summary>
    /// As <see cref="After(int, double)"/>, when the site asked to wait <paramref name="retryAfter"/>: that is
    /// honoured up to <see cref="LongestRetryAfter"/>, but never brings a retry forward of the schedule.
    /// </summary>
    public static TimeSpan? After(int failed, double random, TimeSpan? retryAfter)
    {
        var wait = After(failed, random);
        if (wait is null || retryAfter is not { } asked) return wait;
        return TimeSpan.FromTicks(Math.Max(wait.Value.Ticks, Math.Min(asked.Ticks, LongestRetryAfter.Ticks)));
    }
}
