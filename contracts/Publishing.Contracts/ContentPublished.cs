using System.Text.Json;

namespace Publishing.Contracts;

/// <summary>
/// A revision went public. Carries the whole document so a consumer never has to call back,
/// and <see cref="ContentHash"/> (SHA-256 of the canonical JSON of <see cref="Fields"/>) so a
/// subscriber can prove what was approved. <see cref="Sample"/> is true only for the demo's sample
/// content, whose sign-offs are sample data and not a clinical review; a consumer must never
/// present such a revision as clinically reviewed. <see cref="ReleaseId"/> names the release it went
/// live in (null when it went live on its own); the same event then also travels inside
/// <see cref="ReleasePublished"/>.
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
    string ContentHash,
    bool Sample = false,
    Guid? ReleaseId = null) : IContentChanged;
