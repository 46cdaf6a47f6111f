using Microsoft.AspNetCore.Mvc;
using Publishing.Studio.Api;

namespace Publishing.Studio.Pages;

public sealed class IndexModel(AuthoringApi authoring) : StudioPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    public List<ContentSummary>? Items { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await authoring.ListAsync(Status, Type, ct);
        if (!result.Ok) return ProblemPage(result.Problem!);
        Items = result.Value;
        return Page();
    }
}
