using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Publishing.Testing;

/// <summary>The certificate a host outside Development encrypts its Data Protection key ring with, as an operator would make one.</summary>
public static class KeyRingCertificateFile
{
    /// <summary>A self-signed RSA certificate with its key, as a password-protected .pfx file in <paramref name="folder"/>.</summary>
    public static (string Path, string Password) Write(string folder, string name = "keyring.pfx")
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Publishing key ring (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12));
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return (path, password);
    }
}
