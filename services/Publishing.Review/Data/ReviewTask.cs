namespace Publishing.Review.Data;

public static class ReviewStatus
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string ChangesRequested = "changes-requested";
    public const string Superseded = "superseded";

    /// <summary>The editor took the submission back before the review ended.</summary>
    public const string Recalled = "recalled";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { Pending, Approved, ChangesRequested, Superseded, Recalled };
}

/// <summary>One submitted revision waiting for (or decided by) its reviewers. Its id is the event's ReviewId.</summary>
public sealed class ReviewTask
{
    public Guid Id { get; set; }
    public Guid ContentId { get; set; }
    public required string Slug { get; set; }
    public int Revision { get; set; }
    public required string ContentType { get; set; }
    public required string Title { get; set; }
    public required string ChangeClass { get; set; }
    public int RequiredApprovals { get; set; }
    public required string Reason { get; set; }
    public required string ChangeSummary { get; set; }
    public required string AuthorId { get; set; }
    public required string AuthorName { get; set; }

    /// <summary>The field-level changes of the submission, as a JSON array.</summary>
    public required string Changes { get; set; }

    public required string Status { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Bumped on every change so two concurrent decisions cannot both win.</summary>
    public int Version { get; set; }

    public List<ReviewApprovalRecord> Approvals { get; set; } = [];
}
