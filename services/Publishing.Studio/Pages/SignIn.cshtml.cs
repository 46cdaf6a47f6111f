using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Publishing.Studio.Api;
using Publishing.Studio.Auth;

namespace Publishing.Studio.Pages;

public sealed class SignInModel(DevUsers devUsers, OidcSettings oidc, AuthoringApi authoring) : StudioPageModel
{
    public DevUsers DevUsers => devUsers;
    public OidcSettings Oidc => oidc;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? userId, CancellationToken ct)
    {
        if (!devUsers.Enabled) return NotFound();
        var user = devUsers.Find(userId);
        if (user is null)
        {
            Problem = new ApiProblem(400, "Unknown user", "Choose one of the people listed.", ApiProblem.NoErrors);
            return Page();
        }

        var token = await authoring.IssueDevTokenAsync(user.Id, user.Name, user.Roles, user.Qualification, ct);
        if (!token.Ok || token.Value is null) return ProblemPage(token.Problem ?? new ApiProblem(502, "No token", "The token issuer gave no token.", ApiProblem.NoErrors));

        await StudioAuth.SignInDevUserAsync(HttpContext, user, token.Value.AccessToken, token.Value.ExpiresAt);
        return LocalRedirect(SafeReturnUrl());
    }

    public IActionResult OnPostOidc() =>
        oidc.Enabled
            ? Challenge(new AuthenticationProperties { RedirectUri = SafeReturnUrl() }, StudioAuth.OidcScheme)
            : NotFound();

    private string SafeReturnUrl() => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
}
