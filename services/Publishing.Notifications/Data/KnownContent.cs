namespace Publishing.Notifications.Data;

/// <summary>
/// The last published type and tags of each slug, so a withdrawal or review confirmation (which do
/// not carry tags) is matched against tag filters the same way its publication was.
/// </summary>
public sealed class KnownContent
{
    public required string Slug { get; set; }
    public int Revision { get; set; }
    public required string ContentType { get; set; }

    /// <summary>A JSON array of strings.</summary>
    public string Tags { get; set; } = "[]";
}
