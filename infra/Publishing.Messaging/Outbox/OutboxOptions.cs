namespace Publishing.Messaging.Outbox;

public sealed class OutboxOptions
{
    /// <summary>Rows published per claim.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How often the sweeper looks for rows left unsent (crash, broker down) without a wake-up.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a claim lasts without renewal. The dispatcher renews it every third of this while it
    /// publishes the batch, so a live one keeps its rows however long the broker takes, and the rows
    /// of one that died are claimed by another within this (plus a sweep).
    /// </summary>
    public TimeSpan LockDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait for the broker to confirm one message.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest back-off between attempts at a message the broker refused.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Sent rows are kept this long for diagnosis, then deleted by the sweeper.</summary>
    public TimeSpan SentRetention { get; set; } = TimeSpan.FromDays(7);
}
