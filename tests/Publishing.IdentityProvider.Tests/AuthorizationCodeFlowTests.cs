using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Publishing.Testing;
using Xunit;

namespace Publishing.IdentityProvider.Tests;

/// <summary>
/// The Studio's way in, step by step as a browser makes it: authorize with PKCE, the sign-in form, the code
/// exchanged with the client secret, userinfo, and sign-out back to the Studio.
/// </summary>
[Collection(ProviderCollection.Name)]
public sealed class AuthorizationCodeFlowTests(ProviderFixture fixture)
{
    private OidcProvider Idp => fixture.Provider;

    [Fact]
    public async Task A_user_signs_in_through_the_form_and_the_studio_exchanges_the_code_for_tokens()
    {
        using var browser = Browser();
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var authorize = QueryHelpers.AddQueryString(new Uri(Idp.Authority, "connect/authorize").ToString(), new Dictionary<string, string?>
        {
            ["client_id"] = Idp.StudioClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = ProviderFixture.StudioCallback.ToString(),
            ["scope"] = "openid profile",
            ["state"] = "state-123",
            ["nonce"] = "nonce-456",
            ["code_challenge"] = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            ["code_challenge_method"] = "S256",
        });

        // Not signed in yet: sent to the form, which refuses a wrong password and accepts the right one.
        using var toLogin = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        var form = await browser.GetStringAsync(toLogin.Headers.Location);
        Assert.Contains("<label for=\"username\">Username</label>", form);
        Assert.Contains("<label for=\"password\">Password</label>", form);
        Assert.Contains(">Sign in</button>", form);

        using var refused = await browser.PostAsync("account/login", LoginForm(form, "owen", "wrong"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("The username or password is incorrect.", await refused.Content.ReadAsStringAsync());

        using var signedIn = await browser.PostAsync("account/login", LoginForm(form, "owen", "owen-password"));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        using var callback = await browser.GetAsync(signedIn.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        var location = callback.Headers.Location!;
        Assert.StartsWith(ProviderFixture.StudioCallback.ToString(), location.ToString());
        var answer = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("state-123", answer["state"]);

        // The Studio's back channel: the code, its secret and the PKCE verifier.
        using var exchange = await Idp.Http.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = answer["code"]!,
            ["redirect_uri"] = ProviderFixture.StudioCallback.ToString(),
            ["client_id"] = Idp.StudioClientId,
            ["client_secret"] = Idp.StudioClientSecret,
            ["code_verifier"] = verifier,
        }));
        var body = await exchange.Content.ReadAsStringAsync();
        Assert.True(exchange.IsSuccessStatusCode, body);
        using var tokens = JsonDocument.Parse(body);
        var accessToken = tokens.RootElement.GetProperty("access_token").GetString()!;
        var idToken = tokens.RootElement.GetProperty("id_token").GetString()!;

        var access = await Jwt.ValidAsync(Idp, accessToken);
        Assert.Equal("oidc-reviewer-owen", access.Subject);
        Assert.Equal(["reviewer"], Jwt.Values(access, "role"));
        Assert.Equal(["Consultant medical oncologist"], Jwt.Values(access, "qualification"));

        // The id token is for the Studio, and carries what its cookie is made of.
        var identity = await Jwt.ValidAsync(Idp, idToken, Idp.StudioClientId);
        Assert.Equal("nonce-456", Jwt.Values(identity, "nonce").Single());
        Assert.Equal(["Dr Owen Price"], Jwt.Values(identity, "name"));
        Assert.Equal(["reviewer"], Jwt.Values(identity, "role"));
        Assert.Equal(["Consultant medical oncologist"], Jwt.Values(identity, "qualification"));

        using var userinfoRequest = new HttpRequestMessage(HttpMethod.Get, "connect/userinfo");
        userinfoRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var userinfo = await Idp.Http.SendAsync(userinfoRequest);
        using var info = JsonDocument.Parse(await userinfo.Content.ReadAsStringAsync());
        Assert.Equal("oidc-reviewer-owen", info.RootElement.GetProperty("sub").GetString());
        Assert.Equal("Dr Owen Price", info.RootElement.GetProperty("name").GetString());
        Assert.Equal(["reviewer"], info.RootElement.GetProperty("role").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("Consultant medical oncologist", info.RootElement.GetProperty("qualification").GetString());

        // Signing out ends the provider's session and returns to the Studio's registered address.
        var endSession = QueryHelpers.AddQueryString(new Uri(Idp.Authority, "connect/endsession").ToString(), new Dictionary<string, string?>
        {
            ["id_token_hint"] = idToken,
            ["post_logout_redirect_uri"] = ProviderFixture.StudioSignedOut.ToString(),
            ["state"] = "bye",
        });
        using var signedOut = await browser.GetAsync(endSession);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.StartsWith(ProviderFixture.StudioSignedOut.ToString(), signedOut.Headers.Location!.ToString());
        using var again = await browser.GetAsync(authorize);
        Assert.Contains("/account/login", again.Headers.Location!.ToString());
    }

    [Fact]
    public async Task An_unregistered_redirect_uri_is_refused_before_anyone_signs_in()
    {
        using var browser = Browser();
        var authorize = QueryHelpers.AddQueryString(new Uri(Idp.Authority, "connect/authorize").ToString(), new Dictionary<string, string?>
        {
            ["client_id"] = Idp.StudioClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = "https://attacker.example/callback",
            ["scope"] = "openid",
            ["code_challenge"] = Base64Url(SHA256.HashData("x"u8)),
            ["code_challenge_method"] = "S256",
        });
        using var response = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private HttpClient Browser() => StudioCodeFlow.Browser(Idp);

    private static FormUrlEncodedContent LoginForm(string html, string username, string password) =>
        StudioCodeFlow.LoginForm(html, username, password);

    private static string Base64Url(byte[] bytes) => StudioCodeFlow.Base64Url(bytes);
}
