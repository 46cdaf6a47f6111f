using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace Publishing.Studio.Auth;

/// <summary>
/// Keeps the API access token in a person's Studio cookie usable. Each request checks it: with more than
/// <see cref="Margin"/> left nothing happens; closer to its expiry (or past it) the provider's refresh token,
/// which the code flow saved beside it, is exchanged at the provider's token endpoint (from its discovery
/// document, through the same backchannel that trusts <c>Auth:AuthorityCaCertificate</c>) for a new access
/// token and usually a new refresh token, and the cookie is issued again with them. A cookie without a refresh
/// token (the development sign-in) ends when its token expires. When the provider refuses or cannot be asked,
/// the cookie is removed and the person sent to sign in again: no session outlives its API token.
/// </summary>
/// <remarks>
/// A page's parallel requests all carry the same refresh token. Within this process they share one exchange
/// (and for a few seconds after it, requests still carrying the old cookie get the same answer), so they all
/// write the same tokens; Studio instances behind a load balancer each refresh at most once per request, which
/// providers allow for a short time (rolling refresh tokens keep the old one valid for a reuse leeway).
/// </remarks>
public sealed class AccessTokenRefresh(IOptionsMonitor<OpenIdConnectOptions> oidc, TimeProvider clock, ILogger<AccessTokenRefresh> log)
{
    public const string ExpiresAt = "expires_at";
    public const string RefreshToken = "refresh_token";
    private const string IdToken = "id_token";

    /// <summary>How long before its expiry an access token is replaced, so no API call is made with one about to lapse.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);

    /// <summary>How long one exchange's answer is given to requests that arrive with the refresh token it used.</summary>
    private static readonly TimeSpan ShareFor = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Exchange> _exchanges = new(StringComparer.Ordinal);

    private sealed record Exchange(DateTimeOffset Started, Lazy<Task<Tokens?>> Answer);

    private sealed record Tokens(string AccessToken, DateTimeOffset ExpiresAt, string? RefreshToken, string? IdToken);

    public async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var now = clock.GetUtcNow();
        var properties = context.Properties;
        if (ReadExpiry(properties) is not { } expiresAt || expiresAt - now > Margin) return;

        if (properties.GetTokenValue(RefreshToken) is not { Length: > 0 } refreshToken)
        {
            // Nothing to renew it with (the development sign-in, or a provider that issued no refresh token).
            if (expiresAt <= now) context.RejectPrincipal();
            return;
        }

        var tokens = await ShareAsync(refreshToken, now).WaitAsync(context.HttpContext.RequestAborted);
        if (tokens is null)
        {
            context.RejectPrincipal();
            // Also remove the cookie, so the next request does not try the same refresh token again.
            await context.HttpContext.SignOutAsync(StudioAuth.Scheme);
            return;
        }

        var renewed = properties.GetTokens().Where(t => t.Name is not (StudioAuth.AccessToken or ExpiresAt or RefreshToken or IdToken)).ToList();
        renewed.Add(new AuthenticationToken { Name = StudioAuth.AccessToken, Value = tokens.AccessToken });
        renewed.Add(new AuthenticationToken { Name = ExpiresAt, Value = tokens.ExpiresAt.ToString("o", CultureInfo.InvariantCulture) });
        renewed.Add(new AuthenticationToken { Name = RefreshToken, Value = tokens.RefreshToken ?? refreshToken });
        // The id token is only the hint sign-out sends; keep the one from sign-in unless the provider sent a newer one.
        if ((tokens.IdToken ?? properties.GetTokenValue(IdToken)) is { } idToken)
            renewed.Add(new AuthenticationToken { Name = IdToken, Value = idToken });
        properties.StoreTokens(renewed);
        // The cookie handler re-issues a renewed cookie for as long again as it was issued for (issued to expires);
        // counting from now keeps the session's end where sign-in put it instead of extending it at every refresh.
        properties.IssuedUtc = now;
        context.ShouldRenew = true;
    }

    private static DateTimeOffset? ReadExpiry(AuthenticationProperties properties) =>
        DateTimeOffset.TryParse(properties.GetTokenValue(ExpiresAt), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? at
            : null;

    private Task<Tokens?> ShareAsync(string refreshToken, DateTimeOffset now)
    {
        // Answers are shared while their exchange runs and briefly after; a failed or already expired one is not.
        foreach (var (key, old) in _exchanges)
        {
            if (!old.Answer.IsValueCreated || old.Answer.Value is not { IsCompleted: true } done) continue;
            if (!done.IsCompletedSuccessfully || done.Result is not { } answer || old.Started + ShareFor < now || answer.ExpiresAt <= now)
                _exchanges.TryRemove(new KeyValuePair<string, Exchange>(key, old));
        }
        var exchange = _exchanges.GetOrAdd(Key(refreshToken), _ => new Exchange(now, new Lazy<Task<Tokens?>>(() => RequestAsync(refreshToken))));
        return exchange.Answer.Value;
    }

    private static string Key(string refreshToken) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken)));

    /// <summary>The refresh-token grant (RFC 6749 section 6), authenticated as the Studio as the code exchange is.</summary>
    private async Task<Tokens?> RequestAsync(string refreshToken)
    {
        var options = oidc.Get(StudioAuth.OidcScheme);
        if (options.ConfigurationManager is null || string.IsNullOrEmpty(options.ClientId))
        {
            // A cookie from an OpenID Connect sign-in reaching a Studio configured without one: nothing to renew at.
            log.LogWarning("A cookie carries a refresh token but the Studio has no OpenID Connect provider; the person signs in again.");
            return null;
        }
        try
        {
            // Not the first request's cancellation: the exchange is shared; the backchannel has its own timeout.
            var configuration = await options.ConfigurationManager.GetConfigurationAsync(CancellationToken.None);
            var form = new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
                ["client_id"] = options.ClientId,
            };
            if (!string.IsNullOrEmpty(options.ClientSecret)) form["client_secret"] = options.ClientSecret;
            using var response = await options.Backchannel.PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(form));
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                // Revoked, expired, or the person's session at the provider has ended: an ordinary end of a session.
                log.LogInformation("The provider refused to refresh an access token ({Status}: {Error}); the person signs in again.",
                    (int)response.StatusCode, ErrorOf(body));
                return null;
            }
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (Text(root, "access_token") is not { } accessToken)
            {
                log.LogWarning("The provider's refresh answer has no access_token; the person signs in again.");
                return null;
            }
            // Without expires_in nothing says how long the token lasts: it is refreshed again at the next request.
            var lifetime = root.TryGetProperty("expires_in", out var seconds) && seconds.TryGetInt32(out var s) && s > 0
                ? TimeSpan.FromSeconds(s)
                : TimeSpan.Zero;
            return new Tokens(accessToken, clock.GetUtcNow() + lifetime, Text(root, "refresh_token"), Text(root, "id_token"));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException or JsonException)
        {
            log.LogWarning(e, "The access token could not be refreshed (the provider did not answer as expected); the person signs in again.");
            return null;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static string ErrorOf(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return Text(json.RootElement, "error") ?? "no error code";
        }
        catch (JsonException) { return "no error code"; }
    }
}
