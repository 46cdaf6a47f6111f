namespace Publishing.Contracts;

/// <summary>The public names of content changes and releases, as used by the change feed and webhooks.</summary>
public static class EventTypes
{
    public const string Published = "content.published";
    public const string Withdrawn = "content.withdrawn";
    public const string Reviewed = "content.reviewed";
    public const string ReleasePublished = "release.published";
}
