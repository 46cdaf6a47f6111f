using Microsoft.AspNetCore.Mvc;
using Publishing.Studio.Api;

namespace Publishing.Studio.Pages;

/// <summary>
/// A preview link's page, for anyone holding the link: the revision rendered with the public patient
/// template under a "not published" banner. Like the JSON it comes from, it is never cached, indexed
/// or sent on as a referrer; an unknown link is 404 and an ended one 410, neither naming the item.
/// </summary>
public sealed class PreviewModel(AuthoringApi authoring) : StudioPageModel
{
    public PreviewContent? Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        Response.Headers["Referrer-Policy"] = "no-referrer";
        var result = await authoring.PreviewAsync(token, ct);
        if (result.Ok)
        {
            Preview = PreviewContent.From(result.Value);
            return Page();
        }
        return ProblemPage(result.Status switch
        {
            404 => new ApiProblem(404, "No preview here", "No preview link has this address. Check it was copied whole, or ask the person who shared it for a new one.", ApiProblem.NoErrors),
            410 => result.Problem! with { Title = "This preview has ended" },
            _ => result.Problem!,
        });
    }
}
