using Microsoft.AspNetCore.Mvc;
using Publishing.Studio.Api;

namespace Publishing.Studio.Pages.Releases;

/// <summary>Every release (those not live first) and a form to start one.</summary>
public sealed class IndexModel(ReleasesApi releases) : StudioPageModel
{
    public List<ReleaseSummary> All { get; private set; } = [];

    [BindProperty] public string? Name { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var list = await releases.ListAsync(ct);
        if (!list.Ok) return ProblemPage(list.Problem!);
        All = list.Value!;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var created = await releases.CreateAsync(Name ?? "", ct);
        if (!created.Ok)
        {
            All = (await releases.ListAsync(ct)).Value ?? [];
            return ProblemPage(created.Problem!);
        }
        Flash = $"Release “{created.Value!.Name}” created. Add the changes and withdrawals that go live together.";
        return Redirect($"/Releases/{created.Value.Id}");
    }
}
