using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Publishing.Studio.Api;
using Publishing.Studio.Forms;
using Publishing.Studio.Presence;

namespace Publishing.Studio.Pages.Content;

/// <summary>
/// Edits the working copy. Saves send If-Match with the revision the editor started from and ask
/// Authoring to merge into anyone else's newer revision; fields both changed come back as a prompt
/// ("keep theirs / keep mine") above the form, which still holds everything the editor typed, and
/// the next save sends the choices from the same starting revision. While the item is in review the
/// form is read-only, with the review's progress and a way to recall it.
/// </summary>
public sealed class EditModel(AuthoringApi authoring, ReviewApi reviews, EditorPresence presence, MarkdownRenderer markdown)
    : StudioPageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public MarkdownRenderer Markdown => markdown;
    public ContentDetail? Item { get; private set; }
    public MergeConflicts? Conflicts { get; private set; }
    public ReviewProgress? Progress { get; private set; }
    public IReadOnlyList<string> OthersEditing { get; private set; } = [];
    public SaveResult? Outcome { get; private set; }
    public string? ChangedList { get; private set; }
    public string? RowMessage { get; private set; }
    public bool InReview => Item?.Status == "in-review";

    [BindProperty] public string? Title { get; set; }
    [BindProperty] public int BaseRevision { get; set; }
    [BindProperty] public DrugForm Drug { get; set; } = new();
    [BindProperty] public ArticleForm Article { get; set; } = new();

    /// <summary>The editor's choice for each field both changed: <c>mine</c> or <c>theirs</c>.</summary>
    [BindProperty] public List<Resolution> Resolutions { get; set; } = [];

    /// <summary>The last save's answer, carried over the redirect.</summary>
    [TempData] public string? SavedOutcome { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var result = await authoring.GetAsync(slug, ct);
        if (!result.Ok) return ProblemPage(result.Problem!);
        Item = result.Value!;
        Title = Item.Title;
        BaseRevision = Item.Revision;
        if (Item.Type == "drug") Drug = DrugForm.From(Item.Fields);
        else Article = ArticleForm.From(Item.Fields);
        if (SavedOutcome is { } saved)
        {
            try { Outcome = JsonSerializer.Deserialize<SaveResult>(saved, Json); }
            catch (JsonException) { Outcome = null; }
        }
        await LoadContextAsync(slug, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, string? op, CancellationToken ct)
    {
        var current = await authoring.GetAsync(slug, ct);
        if (!current.Ok) return ProblemPage(current.Problem!);
        Item = current.Value!;
        await LoadContextAsync(slug, ct);
        if (InReview) return Page(); // read-only: nothing posted is saved

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
        var choices = Resolutions.Where(r => !string.IsNullOrEmpty(r.Path) && r.Choice is "mine" or "theirs")
            .GroupBy(r => r.Path!).ToDictionary(g => g.Key, g => g.Last().Choice!);
        var saved = await authoring.SaveAsync(slug, BaseRevision, Title ?? "", fields, choices, ct);
        if (saved.Ok)
        {
            SavedOutcome = JsonSerializer.Serialize(saved.Value, Json);
            return RedirectToPage(new { slug });
        }

        // Fields both changed: ask, keeping the starting revision so the next save merges from it again.
        Conflicts = MergeConflicts.From(saved.Problem);
        if (Conflicts is null) Problem = saved.Problem;
        Response.StatusCode = saved.Status;
        return Page();
    }

    public async Task<IActionResult> OnPostRecallAsync(string slug, Guid reviewId, CancellationToken ct)
    {
        var recalled = await authoring.RecallAsync(slug, reviewId, ct);
        if (!recalled.Ok)
        {
            var failed = await OnGetAsync(slug, ct);
            if (Item is not null) Problem = recalled.Problem;
            Response.StatusCode = recalled.Status;
            return failed;
        }
        Flash = "Submission recalled. The item is a draft again: edit it, then submit it when it is ready.";
        return RedirectToPage(new { slug });
    }

    /// <summary>The editor page's heartbeat: records that I am editing; answers who else is.</summary>
    public async Task<IActionResult> OnPostPresenceAsync(string slug, CancellationToken ct)
    {
        if (Me is not { } me) return Unauthorized();
        var others = await presence.BeatAsync(slug, me, ct);
        return new JsonResult(new { others, sentence = EditorPresence.Sentence(others) });
    }

    /// <summary>The editor page was closed.</summary>
    public async Task<IActionResult> OnPostLeaveAsync(string slug, CancellationToken ct)
    {
        if (Me is { } me) await presence.LeaveAsync(slug, me, ct);
        return new NoContentResult();
    }

    /// <summary>The choice already made for a conflicting field, to show it again.</summary>
    public string? ChoiceFor(string path) => Resolutions.LastOrDefault(r => r.Path == path)?.Choice;

    private async Task LoadContextAsync(string slug, CancellationToken ct)
    {
        if (Me is { } me) OthersEditing = await presence.BeatAsync(slug, me, ct);
        if (Item?.OpenReviewId is { } reviewId && InReview)
        {
            var progress = await reviews.ProgressAsync(reviewId, ct);
            if (progress.Ok) Progress = progress.Value;
        }
    }
}

/// <summary>One field both editors changed, as the merge prompt posts it.</summary>
public sealed class Resolution
{
    public string? Path { get; set; }
    public string? Choice { get; set; }
}
