namespace Publishing.Contracts;

/// <summary>
/// The editor took a submission back before its review ended (the item is a draft again): Review
/// closes the task, so no one signs off a revision that is no longer on offer.
/// </summary>
public sealed record SubmissionRecalled(
    Guid ContentId,
    string Slug,
    int Revision,
    DateTimeOffset OccurredAt,
    Guid ReviewId,
    string EditorId,
    string EditorName) : IContentChanged;
