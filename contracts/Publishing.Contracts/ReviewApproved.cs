namespace Publishing.Contracts;

/// <summary>A review collected every approval its change class needs.</summary>
public sealed record ReviewApproved(
    Guid ReviewId,
    Guid ContentId,
    string Slug,
    int Revision,
    string ChangeClass,
    IReadOnlyList<Approval> Approvals,
    DateTimeOffset OccurredAt);
