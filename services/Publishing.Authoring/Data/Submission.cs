namespace Publishing.Authoring.Data;

public static class SubmissionStatus
{
    public const string Pending = "pending";
    /// <summary>Every approval is in (stored in <see cref="Submission.Approvals"/>); live, or waiting to go live.</summary>
    public const string Approved = "approved";
    public const string ChangesRequested = "changes-requested";

    /// <summary>The editor took it back before the review ended; the item is a draft again.</summary>
    public const string Recalled = "recalled";

    /// <summary>Approved but never published: its editor saved a newer revision before it went live.</summary>
    public const string SetAside = "set-aside";
}

/// <summary>A revision sent for review; its id is the review id the Review service uses.</summary>
public sealed class Submission
{
    public Guid Id { get; set; }
    public Guid ContentId { get; set; }
    public int Revision { get; set; }
    public required string ChangeClass { get; set; }
    public int RequiredApprovals { get; set; }
    public required string Reason { get; set; }
    public required string ChangeSummary { get; set; }
    public required string SubmittedById { get; set; }
    public required string SubmittedByName { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public required string Status { get; set; }

    /// <summary>The sign-offs that published it (JSON list of Approval), kept so a published revision can be re-served.</summary>
    public string? Approvals { get; set; }

    /// <summary>
    /// The sign-offs are sample data (the demo's seeded content), not a clinical review. Set only by
    /// the sample seeder; it travels as <see cref="Contracts.ContentPublished.Sample"/>, also when a
    /// search rebuild re-reads the publication.
    /// </summary>
    public bool Sample { get; set; }

    /// <summary>
    /// The go-live time the editor asked for when submitting (an embargo); null to go live on approval.
    /// What the item then does is <see cref="ContentItem.PublishAt"/>.
    /// </summary>
    public DateTimeOffset? PublishAt { get; set; }

    /// <summary>What the guards warned of when it was submitted (JSON list of GuardWarning), for the reviewers.</summary>
    public string? Warnings { get; set; }
}
