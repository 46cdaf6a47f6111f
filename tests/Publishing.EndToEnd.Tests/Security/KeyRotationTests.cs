using System.Net;
using System.Net.Http.Headers;
using Publishing.Standalone;
using Publishing.Testing;
using Xunit;

namespace Publishing.EndToEnd.Tests.Security;

/// <summary>The provider rotates its signing key: running services follow it without a restart.</summary>
public sealed class KeyRotationTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private OidcProvider _idp = null!;
    private ServiceHost _host = null!;

    public async Task InitializeAsync()
    {
        _idp = await OidcProvider.StartAsync();
        _host = await ServiceHost.StartAsync(StandaloneHost.Create, ProductionSettings.For(_idp, _data.Path, FreePort.Next()), "Production");
    }

    [Fact]
    public async Task Tokens_signed_with_a_new_key_are_accepted_without_a_restart_and_a_retired_key_stops_working()
    {
        var old = await _idp.UserTokenAsync("ada");
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(old));

        await _idp.RotateKeysAsync(keepOldKey: true);
        var rotated = await _idp.UserTokenAsync("ada");
        Assert.NotEqual(Kid(old), Kid(rotated));
        // An unknown key id makes the service re-read the provider's keys in the background; the token that
        // caused it is refused, the next ones pass.
        await Eventually.Until(async () => await StatusAsync(rotated) == HttpStatusCode.OK, TimeSpan.FromSeconds(10), "the new key to be accepted");
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(old)); // still published, still valid

        await _idp.RotateKeysAsync(keepOldKey: false);
        var newest = await _idp.UserTokenAsync("ada");
        // Re-reads happen at most once a second here (Auth:KeyRefreshMinimumInterval).
        await Eventually.Until(async () => await StatusAsync(newest) == HttpStatusCode.OK, TimeSpan.FromSeconds(10), "the newest key to be accepted");
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(old));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(rotated));
    }

    private async Task<HttpStatusCode> StatusAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/content");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _host.Http.SendAsync(request);
        return response.StatusCode;
    }

    private static string? Kid(string token) => new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).Kid;

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _idp.DisposeAsync();
        _data.Dispose();
    }
}
