namespace Publishing.Authoring.Data;

/// <summary>One save of a content item. Never updated or deleted once written.</summary>
public sealed class ContentRevision
{
    public Guid ContentId { get; set; }
    public int Number { get; set; }
    public required string Title { get; set; }

    /// <summary>The type-specific fields as JSON.</summary>
    public required string Fields { get; set; }

    public required string AuthorId { get; set; }
    public required string AuthorName { get; set; }
    public DateTimeOffset SavedAt { get; set; }
}
