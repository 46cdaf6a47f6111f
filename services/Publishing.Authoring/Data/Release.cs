namespace Publishing.Authoring.Data;

public static class ReleaseStatus
{
    /// <summary>Being built: members can be added and removed; it goes live only when an editor says so.</summary>
    public const string Open = "open";

    /// <summary>Goes live at <see cref="Release.GoLiveAt"/>; still editable (an edit keeps the time).</summary>
    public const string Scheduled = "scheduled";

    public const string Published = "published";

    /// <summary>Its time came while a member blocked it; <see cref="Release.Failure"/> says which. Editable like an open one.</summary>
    public const string Failed = "failed";

    /// <summary>Not live yet: members stay held in it and it can still change.</summary>
    public static bool IsPending(string status) => status is Open or Scheduled or Failed;
}

public static class ReleaseMemberKinds
{
    /// <summary>An item's submission (in review or approved) that goes live with the release.</summary>
    public const string Change = "change";

    /// <summary>A published item taken down when the release goes live.</summary>
    public const string Withdrawal = "withdrawal";
}

/// <summary>A named group of changes and withdrawals that go live together, in one transaction.</summary>
public sealed class Release
{
    public Guid Id { get; set; }
    public required string Name { get; set; }

    public required string Status { get; set; }

    /// <summary>
    /// Bumped by every change to the release or its members, and a concurrency token: going live and an
    /// edit race cleanly, and two instances (or an editor and the scheduler) never publish it twice.
    /// </summary>
    public int Version { get; set; }

    /// <summary>When a scheduled release goes live (UTC).</summary>
    public DateTimeOffset? GoLiveAt { get; set; }

    /// <summary>Why the last scheduled attempt did not go live; cleared by the next attempt.</summary>
    public string? Failure { get; set; }

    public required string CreatedById { get; set; }
    public required string CreatedByName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? PublishedById { get; set; }
    public string? PublishedByName { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    public List<ReleaseMember> Members { get; set; } = [];
}

/// <summary>One item in a release: its submission (a change) or its published revision (a withdrawal).</summary>
public sealed class ReleaseMember
{
    public Guid ReleaseId { get; set; }
    public Guid ContentId { get; set; }
    public required string Slug { get; set; }
    public required string Kind { get; set; }

    /// <summary>For a change: the submission that goes live. A newer one does not silently take its place.</summary>
    public Guid? SubmissionId { get; set; }

    /// <summary>The revision the member stands for: the submitted one, or the published one a withdrawal takes down.</summary>
    public int Revision { get; set; }

    /// <summary>For a withdrawal: what subscribers and readers are told.</summary>
    public string? WithdrawalReason { get; set; }

    public required string AddedById { get; set; }
    public required string AddedByName { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}
