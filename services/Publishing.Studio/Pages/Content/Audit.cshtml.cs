using Microsoft.AspNetCore.Mvc;
using Publishing.Studio.Api;

namespace Publishing.Studio.Pages.Content;

public sealed class AuditModel(AuthoringApi authoring) : StudioPageModel
{
    public string Slug { get; private set; } = "";
    public List<AuditEntry>? Entries { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        Slug = slug;
        var audit = await authoring.AuditAsync(slug, ct);
        if (!audit.Ok) return ProblemPage(audit.Problem!);
        Entries = audit.Value;
        return Page();
    }
}
