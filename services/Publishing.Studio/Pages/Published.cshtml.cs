using System.Net;
using Microsoft.AspNetCore.Mvc;
using Publishing.Studio.Api;
using Publishing.Studio.Forms;

namespace Publishing.Studio.Pages;

/// <summary>The published revision as the public sees it (from Search's public read API), or a search.</summary>
public sealed class PublishedModel(SearchApi search, MarkdownRenderer markdown) : StudioPageModel
{
    public MarkdownRenderer Markdown => markdown;

    [BindProperty(SupportsGet = true)] public string? Slug { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public PublishedContent? Document { get; private set; }
    public Tombstone? Tombstone { get; private set; }
    public SearchResults? Results { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Slug is null)
        {
            if (string.IsNullOrWhiteSpace(Q)) return Page();
            var found = await search.SearchAsync(Q, null, ct);
            if (!found.Ok) return ProblemPage(found.Problem!);
            Results = found.Value;
            return Page();
        }

        var result = await search.PublishedAsync(Slug, ct);
        if (result.Ok)
        {
            Document = result.Value;
            return Page();
        }
        if (result.Status == 410)
        {
            Tombstone = await search.TombstoneAsync(Slug, ct) ?? new Tombstone(Slug, null, null);
            Response.StatusCode = 410;
            return Page();
        }
        return ProblemPage(result.Status == 404
            ? new ApiProblem(404, "Not published", $"Nothing is published under '{Slug}' (yet).", ApiProblem.NoErrors)
            : result.Problem!);
    }

    /// <summary>Search returns snippets HTML-encoded with &lt;mark&gt; around matches; keep only those marks.</summary>
    public string SafeSnippet(string snippet)
    {
        var text = WebUtility.HtmlDecode(snippet.Replace("<mark>", "\u0001").Replace("</mark>", "\u0002"));
        return WebUtility.HtmlEncode(text).Replace("\u0001", "<mark>").Replace("\u0002", "</mark>");
    }
}
