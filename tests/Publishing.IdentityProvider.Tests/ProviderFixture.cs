using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Publishing.Testing;
using Xunit;

namespace Publishing.IdentityProvider.Tests;

/// <summary>One provider shared by the tests that only read from it (each start is a process start).</summary>
public sealed class ProviderFixture : IAsyncLifetime
{
    public static readonly Uri StudioCallback = new("https://127.0.0.1:1/signin-oidc");
    public static readonly Uri StudioSignedOut = new("https://127.0.0.1:1/signout-callback-oidc");

    public OidcProvider Provider { get; private set; } = null!;

    public async Task InitializeAsync() => Provider = await OidcProvider.StartAsync(new OidcProviderOptions
    {
        Users = [.. OidcProviderOptions.DefaultUsers, new("sole", "sole-password", "oidc-sole", "Sol Evans", ["editor", "reviewer"], "Clinical pharmacist")],
        StudioRedirectUris = [StudioCallback],
        StudioPostLogoutRedirectUris = [StudioSignedOut],
        // Browsers sign in at https://localhost:PORT; everything else, these tests included, uses https://127.0.0.1:PORT.
        BrowserHostName = "localhost",
    });

    public async Task DisposeAsync() => await Provider.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ProviderCollection : ICollectionFixture<ProviderFixture>
{
    public const string Name = "shared identity provider";
}

/// <summary>Validates tokens the way any standard relying party does: the issuer's JWKS, issuer, audience, lifetime.</summary>
public static class Jwt
{
    public static async Task<TokenValidationResult> ValidateAsync(OidcProvider provider, string token, string audience)
    {
        using var discovery = JsonDocument.Parse(await provider.Http.GetStringAsync(".well-known/openid-configuration"));
        var jwks = new JsonWebKeySet(await provider.Http.GetStringAsync(discovery.RootElement.GetProperty("jwks_uri").GetString()));
        return await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = provider.Authority.ToString(),
            ValidAudience = audience,
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ClockSkew = TimeSpan.Zero,
        });
    }

    public static async Task<JsonWebToken> ValidAsync(OidcProvider provider, string token, string? audience = null)
    {
        var result = await ValidateAsync(provider, token, audience ?? provider.Audience);
        Assert.True(result.IsValid, $"The token is not valid: {result.Exception}");
        return (JsonWebToken)result.SecurityToken;
    }

    public static string[] Values(JsonWebToken token, string type) =>
        token.Claims.Where(c => c.Type == type).Select(c => c.Value).ToArray();
}
