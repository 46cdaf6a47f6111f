using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Publishing.Notifications.Webhooks;

/// <summary>
/// Webhook signing secrets at rest: stored encrypted with ASP.NET Core Data Protection (the key ring
/// lives in this service's database, itself encrypted with a certificate outside Development), and
/// decrypted only to sign an attempt. A copied database or backup alone signs nothing.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider provider)
{
    /// <summary>Versioned: a later scheme gets a new purpose, and this one still reads old rows.</summary>
    public const string Purpose = "Publishing.Notifications.WebhookSecret.v1";

    /// <summary>How a secret in clear starts; an encrypted one never does (it is base64url of a binary header).</summary>
    public const string ClearPrefix = "whsec_";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    /// <summary><c>whsec_</c> + base64 of 32 random bytes, as Standard Webhooks secrets are written.</summary>
    public static string NewSecret() => ClearPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static bool IsClear(string stored) => stored.StartsWith(ClearPrefix, StringComparison.Ordinal);

    public string Protect(string secret) => _protector.Protect(secret);

    /// <summary>
    /// The secret to sign with. A row still in clear (written by an earlier version, encrypted at the
    /// next start by <see cref="ClearSecretsEncryption"/>) is read as it is.
    /// </summary>
    /// <returns>false when it cannot be decrypted: the key ring that encrypted it is gone.</returns>
    public bool TryReveal(string stored, out string secret)
    {
        if (IsClear(stored))
        {
            secret = stored;
            return true;
        }
        try
        {
            secret = _protector.Unprotect(stored);
            return true;
        }
        catch (CryptographicException)
        {
            secret = "";
            return false;
        }
    }
}
