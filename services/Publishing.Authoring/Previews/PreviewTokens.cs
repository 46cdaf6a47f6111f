using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Publishing.Authoring.Previews;

/// <summary>
/// A preview token is 256 random bits, base64url, after <c>pv_</c> (so a leaked one is recognisable).
/// It cannot be guessed or forged, so it is its own signature: the database keeps only its SHA-256
/// (a slow hash adds nothing to a secret of this strength), and a token whose hash matches no row,
/// tampered or invented, is simply unknown.
/// </summary>
public static class PreviewTokens
{
    public const string Prefix = "pv_";
    private const int SecretBytes = 32;
    private const int MaxLength = 100;

    public static string New() => Prefix + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(SecretBytes));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Shape only; whether the token exists is for the database to say.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: > 3 and <= MaxLength } && token.StartsWith(Prefix, StringComparison.Ordinal)
        && token.AsSpan(Prefix.Length).IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") < 0;
}
