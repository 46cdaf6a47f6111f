using Microsoft.AspNetCore.Mvc;
using Publishing.Studio.Api;

namespace Publishing.Studio.Pages.Content;

public sealed class HistoryModel(AuthoringApi authoring) : StudioPageModel
{
    public string Slug { get; private set; } = "";
    public List<RevisionSummary>? Revisions { get; private set; }
    public ContentDiff? Diff { get; private set; }

    [BindProperty(SupportsGet = true)] public int? From { get; set; }
    [BindProperty(SupportsGet = true)] public int? To { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        Slug = slug;
        var revisions = await authoring.RevisionsAsync(slug, ct);
        if (!revisions.Ok) return ProblemPage(revisions.Problem!);
        Revisions = revisions.Value!;
        if (Revisions.Count == 0) return Page();
        To ??= Revisions[0].Number;
        From ??= Revisions.Count > 1 ? Revisions[1].Number : 0;
        var diff = await authoring.DiffAsync(slug, From, To, ct);
        if (!diff.Ok) return ProblemPage(diff.Problem!);
        Diff = diff.Value;
        return Page();
    }
}
