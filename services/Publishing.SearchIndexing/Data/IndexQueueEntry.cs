namespace Publishing.SearchIndexing.Data;

/// <summary>
/// A slug whose search entry must be brought up to date with its document. Written in the same
/// transaction as the document, so the index can lag but never miss a change; the indexer reads the
/// document as it is when it runs, so applying an entry twice or late is harmless.
/// </summary>
public sealed class IndexQueueEntry
{
    public long Id { get; set; }
    public required string Slug { get; set; }

    /// <summary>Set for a release's members: the indexer takes them all in one batch, so one index commit.</summary>
    public Guid? ReleaseId { get; set; }
}
