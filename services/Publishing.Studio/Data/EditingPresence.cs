namespace Publishing.Studio.Data;

/// <summary>Someone had an item's editor open at <see cref="LastSeen"/> (the page's heartbeat, or a load or save).</summary>
public sealed class EditingPresence
{
    public required string Slug { get; set; }
    public required string UserId { get; set; }
    public required string UserName { get; set; }
    public DateTimeOffset LastSeen { get; set; }
}
