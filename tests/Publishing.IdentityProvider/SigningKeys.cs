using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Publishing.IdentityProvider;

/// <summary>
/// The RSA signing keys from <c>Keys:Directory</c>: every <c>*.pem</c> file, in ordinal name order. The first
/// signs; all are published in the JWKS, so a test rotates keys by restarting with a new first file and,
/// optionally, the old one still there (tokens it signed keep validating).
/// </summary>
public static class SigningKeys
{
    public static IReadOnlyList<RsaSecurityKey> Load(string directory)
    {
        var files = Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.pem").OrderBy(Path.GetFileName, StringComparer.Ordinal).ToArray()
            : [];
        if (files.Length == 0)
            throw new InvalidOperationException($"No RSA private key (*.pem) in {directory}: the provider has nothing to sign with.");

        return files.Select(file =>
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(File.ReadAllText(file));
            var key = new RsaSecurityKey(rsa);
            // The key id is the key's RFC 7638 thumbprint: stable across restarts and renames, and a test can
            // compute it from the key it generated without asking the provider.
            key.KeyId = Base64UrlEncoder.Encode(JsonWebKeyConverter.ConvertFromRSASecurityKey(
                new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: false))).ComputeJwkThumbprint());
            return key;
        }).ToList();
    }
}
