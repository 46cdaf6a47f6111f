namespace Publishing.SearchIndexing.Rebuild;

public sealed record RebuildStatus(
    string State, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, int DocumentsFromAuthoring, int DocumentsIndexed, string? Error)
{
    public static readonly RebuildStatus Never = new("never-run", null, null, 0, 0, null);
}
