namespace Publishing.Notifications.Webhooks;

/// <summary>When a failed delivery is tried again: ten attempts spread over about three days.</summary>
public static class RetrySchedule
{
    /// <summary>The wait after the first, second, ... failed attempt; after the last entry it has failed.</summary>
    public static readonly TimeSpan[] Delays =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(14), TimeSpan.FromHours(20),
        TimeSpan.FromHours(24),
    ];

    /// <summary>Attempts in all: the first (now) and one after each delay.</summary>
    public static int MaxAttempts => Delays.Length + 1;

    /// <summary>The wait after failed attempt number <paramref name="failed"/> (1-based), ±10% jitter; null when none is left.</summary>
    public static TimeSpan? After(int failed, double random)
    {
        if (failed < 1 || failed > Delays.Length) return null;
        var jitter = 0.9 + 0.2 * random;
        return TimeSpan.FromMilliseconds(Delays[failed - 1].TotalMilliseconds * jitter);
    }
}
