using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.Extensions;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Publishing.IdentityProvider;

/// <summary>
/// What a browser sees: <c>/connect/authorize</c> (code + PKCE; OpenIddict has validated the client, redirect
/// URI and PKCE before we are called), the sign-in form it sends unknown visitors to, <c>/connect/endsession</c>
/// and <c>/connect/userinfo</c>. The provider's own session is a cookie, separate from the tokens it issues.
/// </summary>
public static class BrowserEndpoints
{
    public const string SessionScheme = CookieAuthenticationDefaults.AuthenticationScheme;

    public static void MapBrowserEndpoints(this WebApplication app)
    {
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], async (HttpContext http, IdpSettings settings) =>
        {
            var request = http.GetOpenIddictServerRequest()
                ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

            var session = await http.AuthenticateAsync(SessionScheme);
            var user = session.Succeeded ? settings.FindUserBySubject(session.Principal.FindFirst(Claims.Subject)?.Value) : null;
            if (user is null)
            {
                if (request.HasPromptValue(PromptValues.None))
                    return TokenEndpoint.Refuse(Errors.LoginRequired, "The user is not signed in.");
                // Back here, with the same parameters, once the form has signed the user in.
                return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.GetEncodedPathAndQuery() }, [SessionScheme]);
            }

            // Consent is implicit: this provider stands in for the organisation's, where our apps are pre-approved.
            return Results.SignIn(Identities.Complete(Identities.ForUser(user), settings,
                request.GetScopes(), request), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });

        app.MapGet(LoginForm.Path, LoginForm.Show);
        app.MapPost(LoginForm.Path, LoginForm.SubmitAsync);

        app.MapMethods("/connect/endsession", [HttpMethods.Get, HttpMethods.Post], async (HttpContext http) =>
        {
            await http.SignOutAsync(SessionScheme);
            // OpenIddict sends the browser to the client's post_logout_redirect_uri when it is registered; else here.
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        });

        app.MapMethods("/connect/userinfo", [HttpMethods.Get, HttpMethods.Post], async (HttpContext http) =>
        {
            // OpenIddict has validated the access token; its claims are the answer.
            var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            if (result.Principal is not { } principal)
                return Results.Challenge(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            var info = new Dictionary<string, object>
            {
                [Claims.Subject] = principal.GetClaim(Claims.Subject) ?? "",
                [Claims.Name] = principal.GetClaim(Claims.Name) ?? "",
                [Claims.Role] = principal.GetClaims(Claims.Role).ToArray(),
            };
            if (principal.GetClaim(Identities.Qualification) is { } qualification) info[Identities.Qualification] = qualification;
            return Results.Ok(info);
        });

        app.MapGet("/", () => Results.Text("Publishing test identity provider. You are signed out.", "text/plain"));
    }

    public static ClaimsPrincipal SessionPrincipal(IdpUser user) =>
        new(new ClaimsIdentity([new Claim(Claims.Subject, user.Subject), new Claim(Claims.Name, user.Name)], SessionScheme, Claims.Name, Claims.Role));
}
