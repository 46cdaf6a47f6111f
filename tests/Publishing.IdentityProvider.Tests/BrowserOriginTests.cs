using System.Net;
using System.Text.Json;
using Publishing.Testing;
using Xunit;

namespace Publishing.IdentityProvider.Tests;

/// <summary>
/// A provider whose browser-facing origin is not its issuer's (as Keycloak behind its frontend URL): discovery
/// sends browsers to <c>https://localhost:PORT</c> to sign in and out, and keeps everything a service calls
/// (token, keys, userinfo) and the issuer at <c>https://127.0.0.1:PORT</c>.
/// </summary>
[Collection(ProviderCollection.Name)]
public sealed class BrowserOriginTests(ProviderFixture fixture)
{
    private OidcProvider Idp => fixture.Provider;

    [Fact]
    public async Task Browsers_are_sent_to_the_browser_origin_to_sign_in_and_out_and_services_to_the_issuer()
    {
        var origin = $"https://localhost:{Idp.Authority.Port}/";
        Assert.Equal(new Uri(origin), Idp.BrowserOrigin);

        using var discovery = JsonDocument.Parse(await Idp.Http.GetStringAsync(".well-known/openid-configuration"));
        string Endpoint(string name) => discovery.RootElement.GetProperty(name).GetString()!;
        Assert.Equal(Idp.Authority.ToString(), Endpoint("issuer"));
        Assert.Equal(origin + "connect/authorize", Endpoint("authorization_endpoint"));
        Assert.Equal(origin + "connect/endsession", Endpoint("end_session_endpoint"));
        foreach (var serviceFacing in new[] { "token_endpoint", "userinfo_endpoint", "jwks_uri" })
            Assert.StartsWith(Idp.Authority.ToString(), Endpoint(serviceFacing));

        // And the sign-in page is there. Sent to 127.0.0.1 (the only address tests talk to), for the name a browser uses.
        using var browser = StudioCodeFlow.Browser(Idp);
        using var request = new HttpRequestMessage(HttpMethod.Get, StudioCodeFlow.AuthorizeUri(Idp, ProviderFixture.StudioCallback, "openid", "verifier-0123456789-0123456789-0123456789"));
        request.Headers.Host = $"localhost:{Idp.Authority.Port}";

        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.ToString());
    }
}
