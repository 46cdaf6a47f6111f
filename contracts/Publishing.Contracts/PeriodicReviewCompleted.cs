namespace Publishing.Contracts;

/// <summary>
/// A clinician re-checked a published revision and found nothing to change. Authoring, which owns
/// the review dates, answers with <see cref="ContentReviewConfirmed"/>.
/// </summary>
public sealed record PeriodicReviewCompleted(
    Guid ReviewId,
    Guid ContentId,
    string Slug,
    int Revision,
    Approval Confirmation,
    DateTimeOffset OccurredAt);
