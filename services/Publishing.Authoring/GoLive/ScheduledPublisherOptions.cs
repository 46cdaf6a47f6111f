namespace Publishing.Authoring.GoLive;

/// <summary>Bound to <c>Authoring:GoLive</c>.</summary>
public sealed class ScheduledPublisherOptions
{
    /// <summary>
    /// How often the worker looks for due publications it was not woken for: one another instance
    /// scheduled, or one an instance that stopped left behind. Its own schedules wake it on time.
    /// </summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Publications handled per pass.</summary>
    public int BatchSize { get; set; } = 50;
}
