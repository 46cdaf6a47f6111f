using Microsoft.EntityFrameworkCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Publishing.IdentityProvider;

/// <summary>OpenIddict's store: applications, authorizations and tokens, in a SQLite file of this run.</summary>
public sealed class IdpDbContext(DbContextOptions<IdpDbContext> options) : DbContext(options);

/// <summary>The OpenIddict server: endpoints, flows, keys, lifetimes. Our code handles each endpoint (passthrough).</summary>
public static class OpenIddictSetup
{
    public static IServiceCollection AddIdentityProvider(this IServiceCollection services, IdpSettings settings)
    {
        services.AddDbContext<IdpDbContext>(o => o.UseSqlite($"Data Source={settings.DatabasePath}").UseOpenIddict());

        services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<IdpDbContext>())
            .AddServer(o =>
            {
                o.SetIssuer(settings.Issuer);
                // Discovery names the first address of each endpoint. The browser pages may have an origin of their own
                // (BrowserOrigin); they still answer at the issuer's too, where nothing else differs.
                o.SetAuthorizationEndpointUris(BrowserAddresses(settings, "connect/authorize"))
                 .SetTokenEndpointUris("connect/token")
                 .SetEndSessionEndpointUris(BrowserAddresses(settings, "connect/endsession"))
                 .SetUserInfoEndpointUris("connect/userinfo");

                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                 .AllowRefreshTokenFlow()
                 .AllowPasswordFlow()
                 .AllowClientCredentialsFlow();

                // Each audience is also a scope of the same name: asking for scope "other-api" gets a token whose
                // aud is "other-api". (OpenIddict's resource=... parameter takes only absolute URIs, and our
                // audience is the plain name "publishing".) Unknown scopes are refused.
                o.RegisterScopes([Scopes.OpenId, Scopes.Profile, Scopes.Roles, Scopes.OfflineAccess, .. settings.Resources]);

                foreach (var key in SigningKeys.Load(settings.KeysDirectory)) o.AddSigningKey(key);
                // OpenIddict encrypts its own codes and refresh tokens; nothing outside this process reads them,
                // so a key that dies with the process is enough.
                o.AddEphemeralEncryptionKey();
                // Access tokens are plain signed JWTs: the services validate them with the standard JWT bearer handler.
                o.DisableAccessTokenEncryption();
                o.SetAccessTokenLifetime(settings.AccessTokenLifetime);
                // A refresh token (scope offline_access, the Studio only) rolls over at each use; a redeemed one still
                // works for OpenIddict's reuse leeway (30 s), so concurrent refreshes by one client do not end a session.
                // It is encrypted with the ephemeral key above, so a restarted provider refuses every earlier one.
                o.SetRefreshTokenLifetime(settings.RefreshTokenLifetime);

                o.UseAspNetCore()
                 .EnableAuthorizationEndpointPassthrough()
                 .EnableTokenEndpointPassthrough()
                 .EnableEndSessionEndpointPassthrough()
                 .EnableUserInfoEndpointPassthrough();
            });
        return services;
    }

    private static Uri[] BrowserAddresses(IdpSettings settings, string path) =>
        settings.BrowserOrigin is { } origin ? [new Uri(origin, path), new Uri(path, UriKind.Relative)] : [new Uri(path, UriKind.Relative)];
}
