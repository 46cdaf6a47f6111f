using Microsoft.AspNetCore.Mvc;
using Publishing.Studio.Api;
using Publishing.Studio.Forms;

namespace Publishing.Studio.Pages.Content;

public sealed class SubmitModel(AuthoringApi authoring) : StudioPageModel
{
    public ContentDetail? Item { get; private set; }
    public ContentDiff? Diff { get; private set; }
    public SubmitResult? Result { get; private set; }

    [BindProperty] public string? ChangeSummary { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? ChangeClass { get; set; }
    [BindProperty] public string? PublishAt { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) => await LoadAsync(slug, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        var submitted = await authoring.SubmitAsync(slug, ChangeSummary ?? "", Reason ?? "",
            string.IsNullOrEmpty(ChangeClass) ? null : ChangeClass, ct, GoLiveInput.ToApi(PublishAt));
        var failed = await LoadAsync(slug, ct);
        if (failed is not null) return failed;
        if (!submitted.Ok) return ProblemPage(submitted.Problem!);
        Result = submitted.Value;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string slug, CancellationToken ct)
    {
        var item = await authoring.GetAsync(slug, ct);
        if (!item.Ok) return ProblemPage(item.Problem!);
        Item = item.Value;
        var diff = await authoring.DiffAsync(slug, null, null, ct);
        if (diff.Ok) Diff = diff.Value;
        return null;
    }
}
