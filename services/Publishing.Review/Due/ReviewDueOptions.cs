namespace Publishing.Review.Due;

/// <summary>Bound to <c>Review:Due</c>.</summary>
public sealed class ReviewDueOptions
{
    /// <summary>How long before its next review date an item is reported as due.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often the schedule is checked. Any length works, beyond what one timer can wait.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Items handled per transaction.</summary>
    public int BatchSize { get; set; } = 100;
}
