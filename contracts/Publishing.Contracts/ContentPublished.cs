using System.Text.Json;

namespace Publishing.Contracts;

/// <summary>
/// A revision went public. Carries the whole document so a consumer never has to call back,
/// and <see cref="ContentHash"/> (SHA-256 of the canonical JSON of <see cref="Fields"/>) so a
/// subscriber can prove what was approved.
/// </summary>
public sealed record ContentPublished(
    Guid ContentId,
    string Slug,
    int Revision,
    DateTimeOffset OccurredAt,
    string ContentType,
    string Title,
    JsonElement Fields,
    IReadOnlyList<string> Tags,
    string ChangeClass,
    string ChangeSummary,
    string Reason,
    string AuthorId,
    string AuthorName,
    IReadOnlyList<Approval> Approvals,
    DateTimeOffset FirstPublished,
    DateTimeOffset LastModified,
    DateTimeOffset? LastReviewed,
    DateTimeOffset? NextReviewDue,
    string ContentHash) : IContentChanged;
