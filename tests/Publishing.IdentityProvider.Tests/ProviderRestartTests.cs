using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using Publishing.Testing;
using Xunit;

namespace Publishing.IdentityProvider.Tests;

/// <summary>Tests that restart the provider get their own (a restart would disturb the shared one).</summary>
public sealed class ProviderRestartTests
{
    [Fact]
    public async Task Rotating_keys_signs_with_the_new_key_and_publishes_the_old_one_only_while_kept()
    {
        await using var idp = await OidcProvider.StartAsync();
        var oldKey = idp.CurrentKeyId;
        var oldToken = await idp.UserTokenAsync("eve");
        var port = idp.Authority.Port;

        await idp.RotateKeysAsync(keepOldKey: true);

        Assert.Equal(port, idp.Authority.Port);
        Assert.NotEqual(oldKey, idp.CurrentKeyId);
        Assert.Equal([idp.CurrentKeyId, oldKey], await PublishedKidsAsync(idp));
        var newToken = await idp.UserTokenAsync("eve");
        Assert.Equal(idp.CurrentKeyId, (await Jwt.ValidAsync(idp, newToken)).Kid);
        Assert.Equal(oldKey, (await Jwt.ValidAsync(idp, oldToken)).Kid); // still valid: its key is still published

        var middleKey = idp.CurrentKeyId;
        await idp.RotateKeysAsync(keepOldKey: false);

        Assert.Equal([idp.CurrentKeyId], await PublishedKidsAsync(idp));
        var dropped = await Jwt.ValidateAsync(idp, newToken, idp.Audience);
        Assert.False(dropped.IsValid, $"A token signed by the dropped key {middleKey} still validated.");
        Assert.IsAssignableFrom<SecurityTokenSignatureKeyNotFoundException>(dropped.Exception);
    }

    [Fact]
    public async Task A_restart_keeps_the_port_with_a_new_token_lifetime_and_dispose_ends_the_process()
    {
        var idp = await OidcProvider.StartAsync();
        var authority = idp.Authority;
        var folder = Path.GetDirectoryName(idp.CaCertificatePath)!;

        await idp.RestartAsync(accessTokenLifetime: TimeSpan.FromSeconds(2));

        // Read, not validated: on a busy machine two seconds may be gone before a validation could start.
        var jwt = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(await idp.ServiceTokenAsync("search-indexing"));
        Assert.Equal(authority.ToString(), jwt.Issuer);
        Assert.Equal(TimeSpan.FromSeconds(2), jwt.ValidTo - jwt.IssuedAt);

        await idp.DisposeAsync();

        Assert.False(Directory.Exists(folder));
        // Nothing listens on its port any more: the process is gone, not merely unanswering.
        using var tcp = new System.Net.Sockets.TcpClient();
        await Assert.ThrowsAsync<System.Net.Sockets.SocketException>(() => tcp.ConnectAsync("127.0.0.1", authority.Port));
    }

    [Fact]
    public async Task A_restarted_provider_refuses_the_refresh_tokens_it_issued_before()
    {
        await using var idp = await OidcProvider.StartAsync(new OidcProviderOptions { StudioRedirectUris = [ProviderFixture.StudioCallback] });
        using var signIn = await StudioCodeFlow.SignInAsync(idp, ProviderFixture.StudioCallback, "aisha", "aisha-password", "openid profile offline_access");
        var refreshToken = signIn.RootElement.GetProperty("refresh_token").GetString()!;

        await idp.RestartAsync();

        using var refused = await StudioCodeFlow.RefreshAsync(idp, refreshToken);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("invalid_grant", await refused.Content.ReadAsStringAsync());
    }

    private static async Task<string[]> PublishedKidsAsync(OidcProvider idp)
    {
        using var jwks = JsonDocument.Parse(await idp.Http.GetStringAsync(".well-known/jwks"));
        return jwks.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).ToArray();
    }
}
