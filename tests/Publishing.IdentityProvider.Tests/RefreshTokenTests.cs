using System.Net;
using System.Text.Json;
using Publishing.Testing;
using Xunit;

namespace Publishing.IdentityProvider.Tests;

/// <summary>
/// What the Studio keeps a person signed in with: a refresh token, issued with scope offline_access, that
/// renews the access token at the token endpoint and is replaced by a new one each time.
/// </summary>
[Collection(ProviderCollection.Name)]
public sealed class RefreshTokenTests(ProviderFixture fixture)
{
    private const string WithOfflineAccess = "openid profile offline_access";
    private OidcProvider Idp => fixture.Provider;

    [Fact]
    public async Task With_offline_access_the_studio_renews_the_access_token_and_gets_a_new_refresh_token()
    {
        using var signIn = await StudioCodeFlow.SignInAsync(Idp, ProviderFixture.StudioCallback, "aisha", "aisha-password", WithOfflineAccess);
        var first = signIn.RootElement.GetProperty("refresh_token").GetString()!;

        using var refreshed = await StudioCodeFlow.RefreshAsync(Idp, first);
        var body = await refreshed.Content.ReadAsStringAsync();
        Assert.True(refreshed.IsSuccessStatusCode, body);
        using var tokens = JsonDocument.Parse(body);
        var access = await Jwt.ValidAsync(Idp, tokens.RootElement.GetProperty("access_token").GetString()!);
        Assert.Equal("oidc-reviewer-aisha", access.Subject);
        Assert.Equal(["reviewer"], Jwt.Values(access, "role"));
        Assert.Equal(["Clinical pharmacist"], Jwt.Values(access, "qualification"));
        Assert.True(tokens.RootElement.GetProperty("expires_in").GetInt32() > 0);

        var second = tokens.RootElement.GetProperty("refresh_token").GetString()!;
        Assert.NotEqual(first, second);
        using var again = await StudioCodeFlow.RefreshAsync(Idp, second);
        Assert.True(again.IsSuccessStatusCode, await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_offline_access_no_refresh_token_is_issued()
    {
        using var signIn = await StudioCodeFlow.SignInAsync(Idp, ProviderFixture.StudioCallback, "eve", "eve-password", "openid profile");

        Assert.True(signIn.RootElement.TryGetProperty("access_token", out _));
        Assert.False(signIn.RootElement.TryGetProperty("refresh_token", out _));
    }

    [Fact]
    public async Task A_refresh_is_refused_with_a_wrong_client_secret_or_a_made_up_token()
    {
        using var signIn = await StudioCodeFlow.SignInAsync(Idp, ProviderFixture.StudioCallback, "owen", "owen-password", WithOfflineAccess);
        var refreshToken = signIn.RootElement.GetProperty("refresh_token").GetString()!;

        using var wrongSecret = await StudioCodeFlow.RefreshAsync(Idp, refreshToken, clientSecret: "not-the-secret");
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        Assert.Contains("invalid_client", await wrongSecret.Content.ReadAsStringAsync());

        using var madeUp = await StudioCodeFlow.RefreshAsync(Idp, "made-up-refresh-token");
        Assert.Equal(HttpStatusCode.BadRequest, madeUp.StatusCode);
        Assert.Contains("invalid_grant", await madeUp.Content.ReadAsStringAsync());
    }
}
