using Microsoft.AspNetCore.Mvc;
using Publishing.Studio.Api;

namespace Publishing.Studio.Pages.Content;

/// <summary>
/// Withdraws the published revision once the reviewer has typed its title (Authoring checks it too,
/// and a wrong one changes nothing), then goes to <see cref="WithdrawnModel"/>, which waits for the
/// public copy to go.
/// </summary>
public sealed class WithdrawModel(AuthoringApi authoring) : StudioPageModel
{
    public string Slug { get; private set; } = "";

    public ContentDetail? Item { get; private set; }

    /// <summary>The title of the published revision: what the public sees, what is withdrawn, what must be typed.</summary>
    public string? PublishedTitle { get; private set; }

    [BindProperty] public string? Reason { get; set; }

    [BindProperty] public string? ConfirmTitle { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        Slug = slug;
        var problem = await LoadAsync(slug, ct);
        return problem is null ? Page() : ProblemPage(problem);
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        Slug = slug;
        // Read first, for the page to show again if Authoring refuses, and for the message if it does not.
        await LoadAsync(slug, ct);
        var result = await authoring.WithdrawAsync(slug, Reason ?? "", ConfirmTitle ?? "", ct);
        if (!result.Ok) return ProblemPage(result.Problem!);
        Flash = $"{PublishedTitle ?? slug} is withdrawn. Search is told at once; this page shows when the public copy has gone.";
        return Redirect($"/Content/Withdrawn/{Uri.EscapeDataString(slug)}");
    }

    private async Task<ApiProblem?> LoadAsync(string slug, CancellationToken ct)
    {
        var item = await authoring.GetAsync(slug, ct);
        if (!item.Ok) return item.Problem;
        Item = item.Value!;
        if (Item.PublishedRevision is not { } published) return null;
        var revision = await authoring.RevisionAsync(slug, published, ct);
        if (!revision.Ok) return revision.Problem;
        PublishedTitle = revision.Value!.Title;
        return null;
    }
}
