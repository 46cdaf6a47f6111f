namespace Publishing.SearchIndexing.Data;

/// <summary>
/// One applied change, in the order this service applied it. The cursor only grows, so a reader
/// that remembers the last cursor it saw misses nothing and sees nothing twice.
/// </summary>
public sealed class ChangeEntry
{
    public long Cursor { get; set; }

    /// <summary>One of <see cref="Contracts.EventTypes"/>.</summary>
    public required string Type { get; set; }

    public required string Slug { get; set; }
    public int Revision { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The release the change went live in; its entries are consecutive in the feed.</summary>
    public Guid? ReleaseId { get; set; }
}
