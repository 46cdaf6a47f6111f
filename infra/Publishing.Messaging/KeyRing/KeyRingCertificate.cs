using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Publishing.ServiceDefaults.Hosting;

namespace Publishing.Messaging.KeyRing;

/// <summary>
/// The certificate that encrypts the key ring where it is stored: <c>DataProtection:Certificate:Path</c>
/// (a PKCS#12 .pfx file with an RSA certificate and its private key; infra/make-keyring-certificate.sh
/// makes one) and <c>DataProtection:Certificate:Password</c>. Required outside Development: without it
/// anyone who can read the database (or a backup of it) holds the keys to what they protect.
/// </summary>
public static class KeyRingCertificate
{
    public const string PathKey = "DataProtection:Certificate:Path";
    public const string PasswordKey = "DataProtection:Certificate:Password";

    /// <returns>null only in Development with no certificate configured.</returns>
    public static X509Certificate2? Load(IConfiguration config, IHostEnvironment environment)
    {
        var path = config[PathKey];
        if (string.IsNullOrWhiteSpace(path))
        {
            if (environment.IsDevelopment()) return null;
            throw new StartupRefusedException(
                $"{PathKey} is not set and the environment is '{environment.EnvironmentName}'. The Data Protection key ring " +
                "(it encrypts webhook signing secrets and sign-in cookies) is kept in the database and must be encrypted " +
                $"there: set {PathKey} to a .pfx file holding an RSA certificate with its private key, and {PasswordKey} " +
                "to its password (infra/make-keyring-certificate.sh makes one).");
        }
        if (!File.Exists(path))
            throw new StartupRefusedException($"{PathKey} is '{path}', which does not exist or cannot be read by this process.");

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, config[PasswordKey]);
        }
        catch (CryptographicException ex)
        {
            throw new StartupRefusedException(
                $"{PathKey} '{path}' could not be opened as a PKCS#12 (.pfx) file with {PasswordKey} ({ex.Message}).");
        }
        using var key = certificate.GetRSAPrivateKey();
        if (key is null)
            throw new StartupRefusedException(
                $"{PathKey} '{path}' must hold an RSA certificate together with its private key, which decrypts the key ring.");
        return certificate;
    }
}
