using System.Text.Json;

namespace Publishing.Studio.Api;

// The Studio's copies of the editing answers (docs/api.md, Authoring and Review): saves, merges,
// guard warnings, submissions and review progress.

/// <summary>A slip Authoring's guards noticed; <see cref="Paths"/> are fields of the working copy (<c>fields.sideEffects.serious[4]</c>).</summary>
public sealed record GuardWarning(string Code, string Message, IReadOnlyList<string> Paths);

public sealed record MergeChoice(string Path, string Choice, string ChangeClass);

public sealed record MergeInfo(
    int BaseRevision, int TheirRevision, IReadOnlyList<string> TheirAuthors, IReadOnlyList<string> KeptTheirs, IReadOnlyList<MergeChoice> Choices);

/// <summary>The answer to a save: the item, whether a revision was made, its class and why, warnings, and how it was merged.</summary>
public sealed record SaveResult(
    string Slug, int Revision, string Status, int? PublishedRevision, bool Saved, string ChangeClass, int RequiredApprovals,
    IReadOnlyList<string> ChangeReasons, int Changes, IReadOnlyList<GuardWarning> Warnings, MergeInfo? Merge);

/// <summary>A field both editors changed (409 from a merge); values are JSON text, null when absent.</summary>
public sealed record MergeConflict(string Path, string? Base, string? Theirs, string? Mine, string ChangeClass);

public sealed record MergeConflicts(int BaseRevision, int CurrentRevision, IReadOnlyList<string> CurrentBy, IReadOnlyList<MergeConflict> Conflicts)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The conflicts a 409 names in its problem details, or null for any other 409.</summary>
    public static MergeConflicts? From(ApiProblem? problem)
    {
        if (problem is not { Status: 409, Body: { ValueKind: JsonValueKind.Object } body } || !body.TryGetProperty("conflicts", out _)) return null;
        try { return body.Deserialize<MergeConflicts>(Json); }
        catch (JsonException) { return null; }
    }
}

public sealed record SubmissionDetail(
    Guid ReviewId, string Slug, int Revision, string ChangeClass, int RequiredApprovals, string Reason, string ChangeSummary,
    string Status, string SubmittedByName, DateTimeOffset SubmittedAt, IReadOnlyList<GuardWarning> Warnings, DateTimeOffset? PublishAt = null);

public sealed record ProgressApproval(string ReviewerName, string? Qualification, DateTimeOffset ApprovedAt);

public sealed record ReviewProgress(
    Guid Id, string Slug, int Revision, string ChangeClass, string Status, int RequiredApprovals,
    IReadOnlyList<ProgressApproval> Approvals, int Remaining, DateTimeOffset SubmittedAt, DateTimeOffset? ClosedAt);
