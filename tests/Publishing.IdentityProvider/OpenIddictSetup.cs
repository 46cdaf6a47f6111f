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
                o.SetAuthorizationEndpointUris("connect/authorize")
                 .SetTokenEndpointUris("connect/token")
                 .SetEndSessionEndpointUris("connect/endsession")
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

                o.UseAspNetCore()
                 .EnableAuthorizationEndpointPassthrough()
                 .EnableTokenEndpointPassthrough()
                 .EnableEndSessionEndpointPassthrough()
                 .EnableUserInfoEndpointPassthrough();
            });
        return services;
    }
}
