using Microsoft.AspNetCore.Mvc;
using Publishing.ServiceDefaults.Hosting;
using Publishing.Studio.Api;

namespace Publishing.Studio.Pages.Content;

/// <summary>
/// Sharing a revision in review or approved as a read-only preview link, and revoking links. A new
/// link is shown once, in the answer to the form that made it (never carried over a redirect, so it
/// is in no cookie); its address is the configured <c>PublicBaseUrl</c>, never the request's Host.
/// </summary>
public sealed class PreviewsModel(AuthoringApi authoring, PublicOrigin origin) : StudioPageModel
{
    public static readonly IReadOnlyList<(string Value, string Text)> Expiries =
    [
        ("PT1H", "1 hour"), ("P1D", "1 day"), ("P7D", "7 days"), ("P30D", "30 days"),
    ];

    public ContentDetail? Item { get; private set; }
    public List<PreviewLink> Links { get; private set; } = [];

    /// <summary>The link just made, with its whole address: shown on this answer only.</summary>
    public (SharedPreview Link, Uri Url)? Made { get; private set; }

    [BindProperty] public string ExpiresIn { get; set; } = "P7D";

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) => await LoadAsync(slug, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        var made = await authoring.SharePreviewAsync(slug, ExpiresIn, ct);
        var failed = await LoadAsync(slug, ct);
        if (failed is not null) return failed;
        if (!made.Ok) return ProblemPage(made.Problem!);
        Made = (made.Value!, origin.Link(made.Value!.Path));
        Response.Headers.CacheControl = "no-store"; // the answer holds the secret
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string slug, Guid id, CancellationToken ct)
    {
        var revoked = await authoring.RevokePreviewAsync(slug, id, ct);
        if (!revoked.Ok)
            return await LoadAsync(slug, ct) ?? ProblemPage(revoked.Problem!);
        Flash = "Preview link revoked: it shows nothing from now on.";
        return RedirectToPage(new { slug });
    }

    private async Task<IActionResult?> LoadAsync(string slug, CancellationToken ct)
    {
        var item = await authoring.GetAsync(slug, ct);
        if (!item.Ok) return ProblemPage(item.Problem!);
        Item = item.Value;
        var links = await authoring.PreviewLinksAsync(slug, ct);
        if (!links.Ok) return ProblemPage(links.Problem!);
        Links = links.Value!;
        return null;
    }
}
