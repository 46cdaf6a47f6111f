using Microsoft.AspNetCore.Mvc;
using Publishing.Studio.Api;

namespace Publishing.Studio.Pages.Content;

public sealed class WithdrawModel(AuthoringApi authoring) : StudioPageModel
{
    public string Slug { get; private set; } = "";

    [BindProperty] public string? Reason { get; set; }

    public void OnGet(string slug) => Slug = slug;

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        Slug = slug;
        var result = await authoring.WithdrawAsync(slug, Reason ?? "", ct);
        if (!result.Ok) return ProblemPage(result.Problem!);
        Flash = $"{slug} is withdrawn. Its public page now shows the reason.";
        return Redirect($"/published/{Uri.EscapeDataString(slug)}");
    }
}
