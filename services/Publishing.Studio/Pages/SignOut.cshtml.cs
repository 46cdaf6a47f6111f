using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Publishing.Studio.Auth;

namespace Publishing.Studio.Pages;

public sealed class SignOutModel(OidcSettings oidc) : StudioPageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(StudioAuth.Scheme);
        if (oidc.Enabled) return SignOut(new AuthenticationProperties { RedirectUri = "/SignIn" }, StudioAuth.OidcScheme);
        return LocalRedirect("/SignIn");
    }
}
