namespace Publishing.Review.Data;

/// <summary>
/// What Review knows of a published item, fed by Authoring's content events: enough to accept a
/// periodic review of it and to remind reviewers when its review falls due.
/// </summary>
public sealed class PublishedItem
{
    public Guid ContentId { get; set; }
    public required string Slug { get; set; }

    /// <summary>The newest revision heard of; an event about an older one is stale.</summary>
    public int Revision { get; set; }

    public required string Title { get; set; }
    public required string ContentType { get; set; }

    /// <summary>Who wrote the held revision: they may not vouch for it in a periodic review.</summary>
    public string? AuthorId { get; set; }
    public DateTimeOffset? LastReviewed { get; set; }
    public DateTimeOffset? NextReviewDue { get; set; }
    public bool Withdrawn { get; set; }

    /// <summary>The <see cref="NextReviewDue"/> a "due soon" reminder was sent for. The date is the cycle:
    /// when a publication or confirmation moves it, the marker no longer matches and a new cycle starts.</summary>
    public DateTimeOffset? DueNotifiedFor { get; set; }

    /// <summary>The <see cref="NextReviewDue"/> an "overdue" reminder was sent for.</summary>
    public DateTimeOffset? OverdueNotifiedFor { get; set; }
}
