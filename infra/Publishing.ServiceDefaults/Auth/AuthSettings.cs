using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;
using Publishing.ServiceDefaults.Hosting;

namespace Publishing.ServiceDefaults.Auth;

/// <summary>
/// Who may sign the tokens the services accept.
/// <list type="bullet">
/// <item><c>Auth:Authority</c>: the OpenID Connect provider (https; its keys come from its discovery
/// document). Required outside Development, where it is the only way in.</item>
/// <item><c>Auth:Audience</c> (default <c>publishing</c>): the <c>aud</c> every token must carry.</item>
/// <item><c>Auth:AuthorityCaCertificate</c>: a PEM file with the CA that signed the provider's TLS
/// certificate, for a provider behind a private CA; otherwise the system's trust store decides.</item>
/// <item><c>Auth:MetadataRefreshInterval</c>: how often the provider's keys are re-read (default 1 hour,
/// at least 5 minutes); a token with an unknown key id (a rotation) triggers a re-read at once, at most
/// every <c>Auth:KeyRefreshMinimumInterval</c> (default 30 s, at least 1 s).</item>
/// <item><c>Auth:Claims:Role</c>, <c>Auth:Claims:Qualification</c>: where the provider puts roles and the
/// reviewer's qualification (default <c>role</c>, <c>qualification</c>).</item>
/// <item>Development only: <c>Auth:DevIssuer:Enabled</c> (the token endpoint and its built-in key) and
/// <c>Auth:SigningKey</c>, <c>Auth:Issuer</c> (a shared key for several local processes).</item>
/// </list>
/// </summary>
public sealed record AuthSettings(
    string Issuer,
    string Audience,
    Uri? Authority,
    SymmetricSecurityKey? SigningKey,
    bool DevIssuerEnabled,
    string? AuthorityCaCertificate,
    TimeSpan MetadataRefreshInterval,
    TimeSpan KeyRefreshMinimumInterval,
    string RoleClaim,
    string QualificationClaim,
    TimeSpan ClockSkew)
{
    // Only ever used with the dev issuer on, which only Development allows.
    private const string DevSigningKey = "publishing-development-signing-key-not-for-production-use";

    public static AuthSettings From(IConfiguration config, IHostEnvironment environment)
    {
        var development = environment.IsDevelopment();
        var devIssuer = DevelopmentOnly.Switch(config, environment, "Auth:DevIssuer:Enabled");
        var authority = ParseAuthority(config["Auth:Authority"], development);
        var key = config["Auth:SigningKey"];

        if (!development)
        {
            if (authority is null)
                throw new StartupRefusedException(
                    $"Auth:Authority is not set and the environment is '{environment.EnvironmentName}'. Outside Development the " +
                    "services accept only tokens from your OpenID Connect provider: set Auth:Authority (https) and Auth:Audience " +
                    "(see docs/security.md). To run the demo, use the Development environment.");
            if (!string.IsNullOrWhiteSpace(key))
                throw new StartupRefusedException(
                    "Auth:SigningKey is set outside Development. A shared signing key is a development aid; production tokens are " +
                    "checked against the keys Auth:Authority publishes. Remove Auth:SigningKey.");
        }
        if (string.IsNullOrWhiteSpace(key))
        {
            if (devIssuer) key = DevSigningKey;
            else if (authority is null)
                throw new StartupRefusedException("Set Auth:Authority (or, in Development, Auth:DevIssuer:Enabled or Auth:SigningKey).");
        }
        if (key is { Length: < 32 })
            throw new StartupRefusedException("Auth:SigningKey must be at least 32 characters.");

        return new AuthSettings(
            config["Auth:Issuer"] ?? "publishing",
            config["Auth:Audience"] ?? "publishing",
            authority,
            key is null ? null : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)),
            devIssuer,
            config["Auth:AuthorityCaCertificate"] is { Length: > 0 } ca ? ca : null,
            AtLeast(config, "Auth:MetadataRefreshInterval", TimeSpan.FromHours(1), TimeSpan.FromMinutes(5)),
            AtLeast(config, "Auth:KeyRefreshMinimumInterval", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1)),
            config["Auth:Claims:Role"] ?? "role",
            config["Auth:Claims:Qualification"] ?? "qualification",
            config.GetValue("Auth:ClockSkew", TimeSpan.FromSeconds(30)));
    }

    // The metadata manager refuses shorter intervals; refusing here says so at start, not as a 500 on every request.
    private static TimeSpan AtLeast(IConfiguration config, string key, TimeSpan fallback, TimeSpan minimum)
    {
        var value = config.GetValue(key, fallback);
        return value >= minimum ? value : throw new StartupRefusedException($"{key} is {value}; it must be at least {minimum}.");
    }

    /// <summary>An absolute URL; https unless in Development, since its keys decide every sign-off.</summary>
    public static Uri? ParseAuthority(string? value, bool development, string key = "Auth:Authority")
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            throw new StartupRefusedException($"{key} '{value}' is not an absolute http(s) URL.");
        if (uri.Scheme != Uri.UriSchemeHttps && !development)
            throw new StartupRefusedException(
                $"{key} '{value}' is not https. The provider's discovery document and keys decide who may sign content off, " +
                "so outside Development they are fetched only over TLS.");
        return uri;
    }
}
