using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Publishing.Studio.Api;

namespace Publishing.Studio.Pages.Content;

/// <summary>What the public copy of a withdrawn item answers now, as Search serves it.</summary>
public enum PublicCopy
{
    /// <summary>Search answers 410 Gone: the withdrawal has reached the public.</summary>
    Gone,

    /// <summary>Search still serves the published revision: it has not caught up yet.</summary>
    StillPublic,

    /// <summary>Search answered something else (not found, an error) or not at all.</summary>
    Unknown,
}

/// <summary>
/// Where a withdrawal lands: it waits, checking Search, until the public copy answers 410 Gone, and
/// never shows the published page meanwhile (Search catches up moments after Authoring). Browsers
/// with JavaScript poll <c>?handler=Status</c>; without it the page refreshes itself, both only for
/// <see cref="StallAfter"/>. It also lists the published items that still list, name or share tags
/// with the withdrawn one, each with a link to open a change.
/// </summary>
public sealed class WithdrawnModel(AuthoringApi authoring, SearchApi search, TimeProvider clock) : StudioPageModel
{
    /// <summary>Long past any normal catching up: after this the page stops checking by itself and says so.</summary>
    public static readonly TimeSpan StallAfter = TimeSpan.FromMinutes(5);

    /// <summary>How often the page reloads itself when JavaScript does not run.</summary>
    public const int RefreshSeconds = 5;

    public string Slug { get; private set; } = "";
    public ContentDetail? Item { get; private set; }
    public PublicCopy Copy { get; private set; } = PublicCopy.Unknown;
    public Tombstone? Tombstone { get; private set; }

    /// <summary>What Search answered when it was neither the page nor 410.</summary>
    public string? SearchNote { get; private set; }

    public List<RelatedItem>? Related { get; private set; }
    public ApiProblem? RelatedProblem { get; private set; }

    public bool IsWithdrawn => Item?.WithdrawnAt is not null;

    /// <summary>Still waiting and not yet for too long: the page keeps checking.</summary>
    public bool Waits => IsWithdrawn && Copy != PublicCopy.Gone && !Stalled;

    public bool Stalled => Item?.WithdrawnAt is { } at && clock.GetUtcNow() - at > StallAfter;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        Slug = slug;
        var item = await authoring.GetAsync(slug, ct);
        if (!item.Ok) return ProblemPage(item.Problem!);
        Item = item.Value!;
        if (!IsWithdrawn) return Page();

        await CheckPublicCopyAsync(slug, ct);
        var related = await authoring.RelatedAsync(slug, ct);
        if (related.Ok) Related = related.Value;
        else RelatedProblem = related.Problem;
        if (Waits) Response.Headers.CacheControl = "no-store";
        return Page();
    }

    /// <summary>For the page's script: <c>{"state": "gone" | "still-public" | "unknown"}</c>.</summary>
    public async Task<IActionResult> OnGetStatusAsync(string slug, CancellationToken ct)
    {
        await CheckPublicCopyAsync(slug, ct);
        Response.Headers.CacheControl = "no-store";
        return new JsonResult(new
        {
            state = Copy switch { PublicCopy.Gone => "gone", PublicCopy.StillPublic => "still-public", _ => "unknown" },
        });
    }

    private async Task CheckPublicCopyAsync(string slug, CancellationToken ct)
    {
        var result = await search.PublishedAsync(slug, ct);
        if (result.Ok)
        {
            Copy = PublicCopy.StillPublic;
            return;
        }
        if (result.Status == 410)
        {
            Copy = PublicCopy.Gone;
            try
            {
                Tombstone = await search.TombstoneAsync(slug, ct);
            }
            catch (HttpRequestException)
            {
                // The 410 was enough to know; the reason is shown from Authoring's copy instead.
            }
            return;
        }
        Copy = PublicCopy.Unknown;
        SearchNote = result.Status == 404
            ? "Search does not know the item at all yet."
            : $"Search answered: {result.Problem!.Message}";
    }

    /// <summary>The excerpt, encoded, with the first <paramref name="term"/> in it marked.</summary>
    public static IHtmlContent Highlight(string excerpt, string term)
    {
        var enc = HtmlEncoder.Default;
        var at = excerpt.IndexOf(term, StringComparison.OrdinalIgnoreCase);
        if (at < 0 || term.Length == 0) return new HtmlString(enc.Encode(excerpt));
        return new HtmlString(enc.Encode(excerpt[..at]) + "<mark>" + enc.Encode(excerpt.Substring(at, term.Length)) + "</mark>"
            + enc.Encode(excerpt[(at + term.Length)..]));
    }
}
