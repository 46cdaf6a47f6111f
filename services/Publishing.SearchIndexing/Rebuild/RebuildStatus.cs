namespace Publishing.SearchIndexing.Rebuild;

public sealed record RebuildStatus(
    string State, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, int DocumentsFromAuthoring, int DocumentsIndexed, string? Error,
    IReadOnlyList<RejectedRevision> Rejected)
{
    public const int MaxRejectedShown = 100;

    public static readonly RebuildStatus Never = new("never-run", null, null, 0, 0, null, []);
}

/// <summary>A revision a rebuild read and refused, and why (see <see cref="RevisionCheck"/>).</summary>
public sealed record RejectedRevision(string Slug, int Revision, string Reason);
