using Publishing.Authoring.Data;

namespace Publishing.Authoring.Releases;

/// <summary>A release as the API shows it: its members with their state now, and whether it could go live.</summary>
public sealed record ReleaseView(
    Guid Id, string Name, string Status, DateTimeOffset? GoLiveAt, string? Failure,
    string CreatedById, string CreatedByName, DateTimeOffset CreatedAt,
    string? PublishedById, string? PublishedByName, DateTimeOffset? PublishedAt,
    bool Ready, IReadOnlyList<MemberState> Members)
{
    public static ReleaseView From(Release r, ReleaseCheckResult check) => new(
        r.Id, r.Name, r.Status, r.GoLiveAt, r.Failure, r.CreatedById, r.CreatedByName, r.CreatedAt,
        r.PublishedById, r.PublishedByName, r.PublishedAt, check.Ready && r.Members.Count > 0, check.Members);
}

public sealed record ReleaseSummary(
    Guid Id, string Name, string Status, DateTimeOffset? GoLiveAt, int Members, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt);
