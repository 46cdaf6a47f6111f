using System.Text.Json;

namespace Publishing.Studio.Api;

// The Studio's own copies of the API shapes (docs/api.md); it shares no code with the services.

public sealed record ContentDates(DateTimeOffset? FirstPublished, DateTimeOffset? LastModified, DateTimeOffset? LastReviewed, DateTimeOffset? NextReviewDue);

/// <summary>One item of the content list; <see cref="SavedAt"/> and <see cref="SavedById"/> are its working copy's last save.</summary>
public sealed record ContentSummary(
    string Slug, string Type, string Title, string Status, int Revision, int? PublishedRevision,
    ContentDates? Dates = null, DateTimeOffset? SavedAt = null, string? SavedById = null, string? SavedByName = null,
    DateTimeOffset? PublishAt = null);

public sealed record Mention(string Path, string Term, string Excerpt);

/// <summary>A published item that names, lists or shares tags with another item (<c>GET /api/content/{slug}/related</c>).</summary>
public sealed record RelatedItem(
    string Slug, string Type, string Title, int Revision, bool ListsAsRelatedDrug, IReadOnlyList<Mention> Mentions,
    IReadOnlyList<string> SharedTags);

public sealed record ContentDetail(
    string Slug, string Type, string Title, string Status, int Revision, int? PublishedRevision, JsonElement Fields,
    ContentDates Dates, string? ReviewComment, DateTimeOffset? WithdrawnAt, string? WithdrawalReason, Guid? OpenReviewId = null,
    DateTimeOffset? PublishAt = null);

public sealed record RevisionSummary(int Number, string Title, string AuthorId, string AuthorName, DateTimeOffset SavedAt, bool Published);

public sealed record RevisionDetail(int Number, string Title, JsonElement Fields);

public sealed record FieldChange(
    string Path, string Kind, string? Before, string? After, string ChangeClass,
    string? BeforeText = null, string? AfterText = null, IReadOnlyList<WordRun>? Words = null);

/// <summary>A run of a word-level diff: <c>unchanged</c>, <c>removed</c> or <c>added</c>.</summary>
public sealed record WordRun(string Kind, string Text);

public sealed record ContentDiff(
    int From, int To, string ChangeClass, int RequiredApprovals, IReadOnlyList<FieldChange> Changes,
    IReadOnlyList<ListChange>? Lists = null);

/// <summary>A list with a change inside it, whole: items <c>unchanged</c>, <c>added</c>, <c>changed</c> or <c>removed</c>.</summary>
public sealed record ListChange(string Path, string ChangeClass, IReadOnlyList<ListItemChange> Items);

public sealed record ListItemChange(
    string Kind, string? Before, string? After, string? BeforeText, string? AfterText, IReadOnlyList<WordRun>? Words);

public sealed record AuditEntry(DateTimeOffset At, string Action, int Revision, string ActorId, string ActorName, string? Detail);

public sealed record SubmitResult(
    Guid ReviewId, int Revision, string ChangeClass, int RequiredApprovals, IReadOnlyList<GuardWarning>? Warnings = null, DateTimeOffset? PublishAt = null);

/// <summary>An approved item's go-live state after an editor changed it: <c>scheduled</c>, <c>approved</c> or <c>published</c>.</summary>
public sealed record GoLiveResult(string Slug, string Status, int Revision, int? PublishedRevision, DateTimeOffset? PublishAt);

public sealed record ReviewSummary(
    Guid Id, string Slug, string Title, string ContentType, int Revision, string ChangeClass, int RequiredApprovals,
    int Approvals, string Status, DateTimeOffset SubmittedAt, string AuthorName);

public sealed record ReviewApproval(
    string ReviewerId, string ReviewerName, string? Qualification, string? Comment, bool ReferencesChecked, DateTimeOffset ApprovedAt);

public sealed record ReviewDetail(
    Guid Id, Guid ContentId, string Slug, int Revision, string ContentType, string Title, string ChangeClass,
    string Reason, string ChangeSummary, string AuthorId, string AuthorName, string Status,
    DateTimeOffset SubmittedAt, DateTimeOffset? ClosedAt, IReadOnlyList<FieldChange> Changes,
    int RequiredApprovals, IReadOnlyList<ReviewApproval> Approvals, int Remaining);

public sealed record ApproveResult(string Status, int Approvals, int Remaining);

public sealed record PublishedApproval(string ReviewerName, string? Qualification, DateTimeOffset ApprovedAt);

public sealed record PublishedAttribution(string AuthorName);

public sealed record PublishedContent(
    string Slug, string Type, string Title, int Revision, JsonElement Fields, IReadOnlyList<string>? Tags,
    ContentDates Dates, IReadOnlyList<PublishedApproval> Approvals, PublishedAttribution? Attribution, string? ChangeClass,
    bool Sample = false);

public sealed record Tombstone(string Slug, DateTimeOffset? WithdrawnAt, string? Reason, string? Title = null, string? Type = null);

public sealed record SearchHit(string Slug, string Type, string Title, string Snippet, int Revision);

public sealed record SearchResults(int Total, IReadOnlyList<SearchHit> Hits);

public sealed record SubscriptionFilter(IReadOnlyList<string>? Types, IReadOnlyList<string>? Slugs, IReadOnlyList<string>? Tags);

public sealed record Subscription(
    Guid Id, string Name, string Url, IReadOnlyList<string>? Events, SubscriptionFilter? Filter, string? State,
    string? OwnerName, DateTimeOffset? CreatedAt, DateTimeOffset? DisabledAt, string? DisabledReason,
    DateTimeOffset? FailingSince, DateTimeOffset? LastSuccessAt);

public sealed record CreatedSubscription(Guid Id, string Secret);

public sealed record DeliveryAttempt(DateTimeOffset At, int? Status, long DurationMs, string? Error);

public sealed record Delivery(
    long Id, string WebhookId, string Event, string Slug, int Revision, string State, DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt, string? LastError, IReadOnlyList<DeliveryAttempt>? Attempts);

public sealed record DevToken(string AccessToken, DateTimeOffset ExpiresAt);

public sealed record ErrorQueue(string Name, string Queue, long Messages);

public sealed record ParkedMessage(
    string? MessageId, string? MessageType, string? ExceptionType, string? ExceptionMessage, string? StackTrace, string? ConsumerType,
    string? FaultedAt, string? Reason, IReadOnlyDictionary<string, string>? Headers, string? ContentType, string? Body, string? BodyEncoding);

public sealed record RedriveResult(string Name, string Queue, int Moved);

public sealed record PurgeResult(string Name, long Purged);
