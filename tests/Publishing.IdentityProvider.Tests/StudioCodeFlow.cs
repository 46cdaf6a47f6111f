using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Publishing.Testing;
using Xunit;

namespace Publishing.IdentityProvider.Tests;

/// <summary>
/// The Studio's side of the provider, as plain HTTP: a cookie-keeping browser that stops at each redirect,
/// the sign-in form, the code exchange and the refresh-token grant.
/// </summary>
public static partial class StudioCodeFlow
{
    /// <summary>A browser signs in as <paramref name="username"/>; the Studio's back channel exchanges the code. Returns the token response.</summary>
    public static async Task<JsonDocument> SignInAsync(OidcProvider idp, Uri callback, string username, string password, string scope)
    {
        using var browser = Browser(idp);
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        using var toLogin = await browser.GetAsync(AuthorizeUri(idp, callback, scope, verifier));
        var form = await browser.GetStringAsync(toLogin.Headers.Location);
        using var signedIn = await browser.PostAsync("account/login", LoginForm(form, username, password));
        using var answer = await browser.GetAsync(signedIn.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var code = QueryHelpers.ParseQuery(answer.Headers.Location!.Query)["code"].ToString();
        return await TokenAsync(idp, new()
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = callback.ToString(),
            ["client_id"] = idp.StudioClientId,
            ["client_secret"] = idp.StudioClientSecret,
            ["code_verifier"] = verifier,
        });
    }

    /// <summary>The refresh-token grant as the Studio sends it; the response, whatever its status.</summary>
    public static Task<HttpResponseMessage> RefreshAsync(OidcProvider idp, string refreshToken, string? clientSecret = null) =>
        idp.Http.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = idp.StudioClientId,
            ["client_secret"] = clientSecret ?? idp.StudioClientSecret,
        }));

    public static string AuthorizeUri(OidcProvider idp, Uri callback, string scope, string verifier, string state = "state-123", string nonce = "nonce-456") =>
        QueryHelpers.AddQueryString(new Uri(idp.Authority, "connect/authorize").ToString(), new Dictionary<string, string?>
        {
            ["client_id"] = idp.StudioClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = callback.ToString(),
            ["scope"] = scope,
            ["state"] = state,
            ["nonce"] = nonce,
            ["code_challenge"] = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            ["code_challenge_method"] = "S256",
        });

    /// <summary>A cookie-keeping client that stops at each redirect, as a test wants to see them.</summary>
    public static HttpClient Browser(OidcProvider idp)
    {
        var handler = idp.CreateTrustingHandler();
        handler.AllowAutoRedirect = false;
        handler.UseCookies = true;
        handler.CookieContainer = new CookieContainer();
        return new HttpClient(handler) { BaseAddress = idp.Authority };
    }

    public static FormUrlEncodedContent LoginForm(string html, string username, string password)
    {
        var fields = HiddenInput().Matches(html).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["username"] = username;
        fields["password"] = password;
        return new FormUrlEncodedContent(fields);
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static async Task<JsonDocument> TokenAsync(OidcProvider idp, Dictionary<string, string> form)
    {
        using var response = await idp.Http.PostAsync("connect/token", new FormUrlEncodedContent(form));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body);
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)">""")]
    private static partial Regex HiddenInput();
}
