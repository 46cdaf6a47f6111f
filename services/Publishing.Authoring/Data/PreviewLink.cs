namespace Publishing.Authoring.Data;

/// <summary>
/// A read-only link to one revision for people outside the Studio. Only a hash of its secret token is
/// kept: the token is shown once, when the link is made, and a database copy cannot rebuild it.
/// </summary>
public sealed class PreviewLink
{
    public Guid Id { get; set; }
    public Guid ContentId { get; set; }
    public int Revision { get; set; }

    /// <summary>SHA-256 of the token, lowercase hex (see <see cref="Previews.PreviewTokens"/>).</summary>
    public required string TokenHash { get; set; }

    public required string CreatedById { get; set; }
    public required string CreatedByName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedByName { get; set; }
}
