namespace Publishing.Authoring.Data;

public static class ContentStatus
{
    public const string Draft = "draft";
    public const string InReview = "in-review";

    public const string Published = "published";
    public const string ChangesRequested = "changes-requested";
    public const string Withdrawn = "withdrawn";

    /// <summary>
    /// Every approval is given and nothing of it is live yet, nothing scheduled either: held by the
    /// release it is a member of (<see cref="ContentItem.ReleaseId"/>), or its go-live time was cancelled.
    /// </summary>
    public const string Approved = "approved";

    /// <summary>Approved, and goes live by itself at <see cref="ContentItem.PublishAt"/>.</summary>
    public const string Scheduled = "scheduled";
}

public static class ContentTypes
{
    public const string Drug = "drug";
    public const string Article = "article";
    public static readonly IReadOnlySet<string> All = new HashSet<string> { Drug, Article };
}

/// <summary>A drug entry or article. Its working copy is the latest of its immutable revisions.</summary>
public sealed class ContentItem
{
    public Guid Id { get; set; }
    public required string Slug { get; set; }
    public required string Type { get; set; }
    public required string Status { get; set; }

    /// <summary>The latest revision (the working copy); also the ETag and the concurrency token.</summary>
    public int CurrentRevision { get; set; }

    public int? PublishedRevision { get; set; }
    /// <summary>
    /// The submission the item is in: in review while <c>in-review</c>; approved and not yet live while
    /// <c>approved</c> or <c>scheduled</c>.
    /// </summary>
    public Guid? OpenReviewId { get; set; }

    /// <summary>
    /// When the approved revision goes live, set only while <c>scheduled</c>. A concurrency token, so
    /// a scheduled publication never lands on a time an editor has just moved or cancelled.
    /// </summary>
    public DateTimeOffset? PublishAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FirstPublished { get; set; }
    public DateTimeOffset? LastModified { get; set; }
    public DateTimeOffset? LastReviewed { get; set; }
    public DateTimeOffset? NextReviewDue { get; set; }
    public string? ReviewComment { get; set; }

    /// <summary>Set while the last published revision is withdrawn (until a later one is published).</summary>
    public DateTimeOffset? WithdrawnAt { get; set; }

    public string? WithdrawalReason { get; set; }

    /// <summary>The not-yet-live release the item is a member of; an item is in at most one.</summary>
    public Guid? ReleaseId { get; set; }

    public List<ContentRevision> Revisions { get; set; } = [];
}
