using Microsoft.AspNetCore.Mvc;
using Publishing.Studio.Api;
using Publishing.Studio.Forms;

namespace Publishing.Studio.Pages.Content;

/// <summary>
/// Edits the working copy. Saves send If-Match with the revision the editor started from; on 412
/// the page shows what the other person changed (diff from that revision to the latest) and keeps
/// everything the editor typed, with the base moved to the latest so the next save goes through.
/// </summary>
public sealed class EditModel(AuthoringApi authoring, MarkdownRenderer markdown) : StudioPageModel
{
    public MarkdownRenderer Markdown => markdown;
    public ContentDetail? Item { get; private set; }
    public ContentDiff? Conflict { get; private set; }
    public string? LatestBy { get; private set; }
    public string? ChangedList { get; private set; }
    public string? RowMessage { get; private set; }

    [BindProperty] public string? Title { get; set; }
    [BindProperty] public int BaseRevision { get; set; }
    [BindProperty] public DrugForm Drug { get; set; } = new();
    [BindProperty] public ArticleForm Article { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var result = await authoring.GetAsync(slug, ct);
        if (!result.Ok) return ProblemPage(result.Problem!);
        Item = result.Value!;
        Title = Item.Title;
        BaseRevision = Item.Revision;
        if (Item.Type == "drug") Drug = DrugForm.From(Item.Fields);
        else Article = ArticleForm.From(Item.Fields);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, string? op, CancellationToken ct)
    {
        var current = await authoring.GetAsync(slug, ct);
        if (!current.Ok) return ProblemPage(current.Problem!);
        Item = current.Value!;

        if (op != "save")
        {
            // A row button or the preview: redisplay the form as posted, changed; nothing is saved.
            if (RowOp.Parse(op) is { } rowOp)
            {
                RowMessage = Item.Type == "drug" ? Drug.Apply(rowOp) : Article.Apply(rowOp);
                ChangedList = rowOp.List;
            }
            return Page();
        }

        var fields = Item.Type == "drug" ? Drug.ToJson() : Article.ToJson();
        var saved = await authoring.SaveAsync(slug, BaseRevision, Title ?? "", fields, ct);
        if (saved.Ok)
        {
            Flash = $"Saved as revision {saved.Value!.Revision}.";
            return RedirectToPage(new { slug });
        }

        Problem = saved.Problem;
        if (saved.Status == 412)
        {
            var diff = await authoring.DiffAsync(slug, BaseRevision, Item.Revision, ct);
            if (diff.Ok)
            {
                Conflict = diff.Value;
                var revisions = await authoring.RevisionsAsync(slug, ct);
                var latest = revisions.Value?.FirstOrDefault(r => r.Number == Item.Revision);
                if (latest is not null) LatestBy = $"{latest.AuthorName} at {Display.Time(latest.SavedAt)}";
            }
            // The next save is made against the latest revision, deliberately, after seeing this.
            BaseRevision = Item.Revision;
        }
        Response.StatusCode = saved.Status;
        return Page();
    }
}
