using System.Globalization;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Publishing.IdentityProvider;

/// <summary>
/// The claims our services read (docs/api.md): <c>sub</c>, <c>name</c>, one <c>role</c> claim per role and
/// <c>qualification</c>, plus the audience (<c>aud</c>) and scopes of the token being issued.
/// </summary>
public static class Identities
{
    public const string Qualification = "qualification";

    /// <summary>A token request parameter (seconds) that shortens one access token's life, so a test can watch it expire.</summary>
    public const string LifetimeParameter = "access_token_lifetime";

    public static ClaimsIdentity ForUser(IdpUser user) =>
        Create(user.Subject, user.Name, user.Roles, user.Qualification);

    /// <summary>A service acting as itself: subject and name are its client id.</summary>
    public static ClaimsIdentity ForService(ServiceClient client) =>
        Create(client.ClientId, client.ClientId, client.Roles, qualification: null);

    private static ClaimsIdentity Create(string subject, string name, string[] roles, string? qualification)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, subject).SetClaim(Claims.Name, name);
        foreach (var role in roles) identity.AddClaim(new Claim(Claims.Role, role));
        if (qualification is not null) identity.SetClaim(Qualification, qualification);
        return identity;
    }

    /// <summary>
    /// Finishes an identity for OpenIddict: what it may be used for (scopes), who it is for (<c>aud</c>: the
    /// audiences named as scopes, else our API), an optional short life, and which token carries each claim.
    /// </summary>
    public static ClaimsPrincipal Complete(ClaimsIdentity identity, IdpSettings settings,
        IEnumerable<string> scopes, OpenIddictRequest? request = null)
    {
        var granted = scopes.ToArray();
        identity.SetScopes(granted);
        var audiences = settings.Resources.Intersect(granted, StringComparer.Ordinal).ToArray();
        identity.SetResources(audiences.Length > 0 ? audiences : [settings.Audience]);
        if (request?.GetParameter(LifetimeParameter) is { } seconds
            && int.TryParse((string?)seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0)
            identity.SetAccessTokenLifetime(TimeSpan.FromSeconds(s));
        // Every claim goes into the access token (the APIs authorize on it) and into the id token (the Studio's
        // cookie is built from it); OpenIddict drops claims that have no destination.
        identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return new ClaimsPrincipal(identity);
    }
}
