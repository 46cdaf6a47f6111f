using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Publishing.IdentityProvider;

/// <summary>
/// <c>POST /connect/token</c>, passed through by OpenIddict after it has validated the client and the grant:
/// here we only decide who the token is about. OpenIddict then signs it.
/// </summary>
public static class TokenEndpoint
{
    public static void MapTokenEndpoint(this WebApplication app) =>
        app.MapPost("/connect/token", async (HttpContext http, IdpSettings settings) =>
        {
            var request = http.GetOpenIddictServerRequest()
                ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

            if (request.IsPasswordGrantType())
            {
                // Tests get a user's token in one call; the Studio never uses this grant.
                var user = settings.FindUser(request.Username);
                if (user is null || !Passwords.Match(user.Password, request.Password))
                    return Refuse(Errors.InvalidGrant, "The username or password is incorrect.");
                return SignIn(Identities.Complete(Identities.ForUser(user), settings,
                    request.GetScopes(), request));
            }

            if (request.IsClientCredentialsGrantType())
            {
                // OpenIddict has already checked the client secret; the client must also be one of our services.
                var client = settings.FindService(request.ClientId);
                if (client is null) return Refuse(Errors.UnauthorizedClient, "This client is not a service client.");
                return SignIn(Identities.Complete(Identities.ForService(client), settings,
                    request.GetScopes(), request));
            }

            if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
            {
                // The code (or refresh token) carries who signed in and what was granted; the user's claims are
                // read again so a token never outlives a change in configuration made by a restart.
                var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
                var granted = result.Principal;
                var user = settings.FindUserBySubject(granted?.GetClaim(Claims.Subject));
                if (granted is null || user is null) return Refuse(Errors.InvalidGrant, "The user is no longer known.");
                return SignIn(Identities.Complete(Identities.ForUser(user), settings,
                    granted.GetScopes(), request));
            }

            return Refuse(Errors.UnsupportedGrantType, "This grant type is not supported.");
        });

    private static IResult SignIn(System.Security.Claims.ClaimsPrincipal principal) =>
        Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    internal static IResult Refuse(string error, string description) =>
        Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
