using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Publishing.ServiceDefaults.Auth;

/// <summary>
/// The HTTP handler that fetches the identity provider's discovery document and keys. With
/// <c>Auth:AuthorityCaCertificate</c> set, the provider's TLS certificate must chain to that CA (a
/// provider behind an organisation's private CA); the host name is still checked. Otherwise the
/// system's trust store decides, as for any other https call.
/// </summary>
public static class AuthorityBackchannel
{
    public static HttpMessageHandler? Create(string? caCertificatePath)
    {
        if (caCertificatePath is null) return null;
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(caCertificatePath));
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            // A private CA rarely publishes revocation lists; the trust decision is the pinned root.
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.Add(ca);
        return new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = policy },
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
    }
}
