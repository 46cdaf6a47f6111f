using System.Security.Cryptography;
using System.Text;

namespace Publishing.Testing;

/// <summary>
/// An RSA signing key for the test identity provider, as the PKCS#8 PEM it reads from its keys folder. Its key
/// id is the RFC 7638 JWK thumbprint, which is how the provider names it in the JWKS and in tokens' <c>kid</c>.
/// </summary>
public sealed class SigningKeyFile
{
    private SigningKeyFile(string pem, string keyId)
    {
        Pem = pem;
        KeyId = keyId;
    }

    public string Pem { get; }
    public string KeyId { get; }

    public static SigningKeyFile Generate()
    {
        using var rsa = RSA.Create(2048);
        return new SigningKeyFile(rsa.ExportPkcs8PrivateKeyPem(), Thumbprint(rsa.ExportParameters(includePrivateParameters: false)));
    }

    /// <summary>RFC 7638: SHA-256 of the required members in lexicographic order, no whitespace; base64url.</summary>
    private static string Thumbprint(RSAParameters key)
    {
        var json = $$"""{"e":"{{Base64Url(key.Exponent!)}}","kty":"RSA","n":"{{Base64Url(key.Modulus!)}}"}""";
        return Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// Replaces the keys in <paramref name="directory"/> with <paramref name="keys"/>; the provider reads files in
    /// name order and signs with the first, so the file names keep this list's order.
    /// </summary>
    public static void WriteAll(string directory, IReadOnlyList<SigningKeyFile> keys)
    {
        Directory.CreateDirectory(directory);
        foreach (var old in Directory.GetFiles(directory, "*.pem")) File.Delete(old);
        for (var i = 0; i < keys.Count; i++)
            File.WriteAllText(Path.Combine(directory, $"{i:D3}.pem"), keys[i].Pem);
    }
}
