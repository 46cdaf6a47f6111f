namespace Publishing.SearchIndexing.Data;

public static class DocumentState
{
    public const string Published = "published";
    public const string Withdrawn = "withdrawn";
}

/// <summary>
/// The latest revision this service has applied for a slug, published or withdrawn. Events are
/// applied in per-slug revision order, so an older event arriving late never overwrites it.
/// </summary>
public sealed class PublishedDocument
{
    public required string Slug { get; set; }
    public Guid ContentId { get; set; }
    public required string ContentType { get; set; }
    public required string Title { get; set; }
    public int Revision { get; set; }
    public required string State { get; set; }

    /// <summary>The type-specific fields as JSON; <c>{}</c> on a tombstone of content never seen published.</summary>
    public required string Fields { get; set; }

    /// <summary>The <see cref="Contracts.Approval"/> list as JSON.</summary>
    public required string Approvals { get; set; }

    /// <summary>The tags as a JSON array of strings.</summary>
    public required string Tags { get; set; }

    public required string ChangeClass { get; set; }
    public required string ChangeSummary { get; set; }
    public required string AuthorName { get; set; }
    public required string ContentHash { get; set; }

    // Null only on a tombstone for content whose publication this service never received.
    public DateTimeOffset? FirstPublished { get; set; }
    public DateTimeOffset? LastModified { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    public DateTimeOffset? LastReviewed { get; set; }
    public DateTimeOffset? NextReviewDue { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    public string? WithdrawalReason { get; set; }

    /// <summary>The sign-offs are sample data, not a clinical review (<see cref="Contracts.ContentPublished.Sample"/>).</summary>
    public bool Sample { get; set; }
}
