namespace Publishing.Contracts;

/// <summary>One clinical sign-off, as it travels with review and publication events.</summary>
public sealed record Approval(
    string ReviewerId,
    string ReviewerName,
    string? Qualification,
    string? Comment,
    bool ReferencesChecked,
    DateTimeOffset ApprovedAt);
