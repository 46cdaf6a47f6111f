using Microsoft.AspNetCore.Mvc;
using Publishing.Studio.Api;

namespace Publishing.Studio.Pages.Reviews;

public sealed class PeriodicModel(ReviewApi reviews, AuthoringApi authoring) : StudioPageModel
{
    public List<ContentSummary> Published { get; private set; } = [];

    [BindProperty(SupportsGet = true)] public string? Slug { get; set; }
    [BindProperty] public string? Comment { get; set; }
    [BindProperty] public bool ReferencesChecked { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await reviews.ConfirmPeriodicAsync(Slug ?? "", Comment, ReferencesChecked, ct);
        if (!result.Ok)
        {
            await LoadAsync(ct);
            return ProblemPage(result.Problem!);
        }
        Flash = $"Periodic review of {Slug} recorded. Its review dates move once Authoring has it (a moment).";
        return RedirectToPage(new { slug = (string?)null });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var list = await authoring.ListAsync(null, null, ct);
        Published = list.Value?.Where(c => c.PublishedRevision is not null).ToList() ?? [];
    }
}
