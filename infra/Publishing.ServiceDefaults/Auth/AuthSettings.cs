using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace Publishing.ServiceDefaults.Auth;

/// <summary>
/// <c>Auth:Issuer</c>, <c>Auth:Audience</c>, <c>Auth:SigningKey</c> (shared by every service, at least
/// 32 characters) or <c>Auth:Authority</c> for an external identity provider, and
/// <c>Auth:DevIssuer:Enabled</c> for the development token endpoint.
/// </summary>
public sealed record AuthSettings(string Issuer, string Audience, string? Authority, SymmetricSecurityKey? SigningKey, bool DevIssuerEnabled)
{
    // Only ever used with the dev issuer on; a deployment without it must bring its own key.
    private const string DevSigningKey = "publishing-development-signing-key-not-for-production-use";

    public static AuthSettings From(IConfiguration config)
    {
        var devIssuer = config.GetValue("Auth:DevIssuer:Enabled", false);
        var authority = config["Auth:Authority"];
        var key = config["Auth:SigningKey"];
        if (string.IsNullOrWhiteSpace(key))
        {
            if (devIssuer) key = DevSigningKey;
            else if (string.IsNullOrWhiteSpace(authority))
                throw new InvalidOperationException(
                    "Set Auth:SigningKey (or Auth:Authority); only the dev issuer has a built-in key.");
        }
        if (key is { Length: < 32 })
            throw new InvalidOperationException("Auth:SigningKey must be at least 32 characters.");

        return new AuthSettings(
            config["Auth:Issuer"] ?? "publishing",
            config["Auth:Audience"] ?? "publishing",
            authority,
            key is null ? null : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)),
            devIssuer);
    }
}
