using System.Text.Json;

namespace Publishing.Studio.Api;

/// <summary>A new preview link: the only answer that carries its token (shown once, never stored by the Studio).</summary>
public sealed record SharedPreview(Guid Id, string Slug, int Revision, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string Token, string Path);

/// <summary>A preview link as listed afterwards, without its token; state <c>active</c>, <c>expired</c> or <c>revoked</c>.</summary>
public sealed record PreviewLink(
    Guid Id, int Revision, string State, string CreatedByName, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt, string? RevokedByName);

/// <summary>What marks an answer of <c>GET /api/previews/{token}</c> as a preview.</summary>
public sealed record PreviewMark(int Revision, DateTimeOffset ExpiresAt);

/// <summary>A preview: the published payload's shape, read as <see cref="PublishedContent"/>, and its mark.</summary>
public sealed record PreviewContent(PublishedContent Document, PreviewMark Mark)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static PreviewContent From(JsonElement body) => new(
        body.Deserialize<PublishedContent>(Json)!, body.GetProperty("preview").Deserialize<PreviewMark>(Json)!);
}
