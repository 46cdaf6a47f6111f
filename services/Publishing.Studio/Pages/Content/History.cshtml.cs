using Microsoft.AspNetCore.Mvc;
using Publishing.Studio.Api;

namespace Publishing.Studio.Pages.Content;

/// <summary>
/// Every revision, any two compared, and restoring one: a restore is asked for (<see cref="Restore"/>),
/// confirmed with what it would change in the working copy, then made, landing on the submit step.
/// </summary>
public sealed class HistoryModel(AuthoringApi authoring) : StudioPageModel
{
    public string Slug { get; private set; } = "";
    public List<RevisionSummary>? Revisions { get; private set; }
    public ContentDiff? Diff { get; private set; }

    [BindProperty(SupportsGet = true)] public int? From { get; set; }
    [BindProperty(SupportsGet = true)] public int? To { get; set; }

    /// <summary>The revision the editor asked to restore, to confirm.</summary>
    [BindProperty(SupportsGet = true)] public int? Restore { get; set; }

    /// <summary>The working copy's revision, the one a restore replaces (If-Match).</summary>
    public int Latest => Revisions is { Count: > 0 } r ? r[0].Number : 0;

    public bool CanRestore(int number) => Me?.IsEditor == true && number != Latest;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) => await LoadAsync(slug, ct) ?? Page();

    public async Task<IActionResult> OnPostRestoreAsync(string slug, int number, int baseRevision, CancellationToken ct)
    {
        var restored = await authoring.RestoreAsync(slug, number, baseRevision, ct);
        if (restored.Ok)
        {
            var r = restored.Value!;
            Flash = $"Revision {number} restored as revision {r.Revision}. Nothing is published yet: it goes through review like any change. " +
                    "Check what changed below and submit it.";
            return RedirectToPage("/Content/Submit", new { slug });
        }
        Restore = null;
        return await LoadAsync(slug, ct) ?? ProblemPage(restored.Problem!);
    }

    private async Task<IActionResult?> LoadAsync(string slug, CancellationToken ct)
    {
        Slug = slug;
        var revisions = await authoring.RevisionsAsync(slug, ct);
        if (!revisions.Ok) return ProblemPage(revisions.Problem!);
        Revisions = revisions.Value!;
        if (Revisions.Count == 0) return null;
        if (Restore is { } n && (!CanRestore(n) || Revisions.All(r => r.Number != n))) Restore = null;
        if (Restore is { } restore)
            (From, To) = (Latest, restore); // what the restore would change in the working copy
        To ??= Revisions[0].Number;
        From ??= Revisions.Count > 1 ? Revisions[1].Number : 0;
        var diff = await authoring.DiffAsync(slug, From, To, ct);
        if (!diff.Ok) return ProblemPage(diff.Problem!);
        Diff = diff.Value;
        return null;
    }
}
