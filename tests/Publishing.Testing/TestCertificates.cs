using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Publishing.Testing;

/// <summary>
/// A throwaway certificate authority and a server certificate it signed for 127.0.0.1 and localhost, so a test
/// server speaks real TLS and a client trusts it by trusting this CA only (never by turning validation off).
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private TestCertificates(X509Certificate2 authority, X509Certificate2 server)
    {
        Authority = authority;
        Server = server;
    }

    /// <summary>The CA certificate (public part only): what a client adds as its one trusted root.</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>The server certificate with its private key.</summary>
    public X509Certificate2 Server { get; }

    public static TestCertificates Create()
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=Publishing test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(2));

        using var serverKey = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)); // server auth
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var signed = request.Create(ca, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(16));

        return new TestCertificates(X509CertificateLoader.LoadCertificate(ca.RawData), signed.CopyWithPrivateKey(serverKey));
    }

    public void WriteServerPfx(string path, string password) => File.WriteAllBytes(path, Server.Export(X509ContentType.Pfx, password));

    public void WriteAuthorityPem(string path) => File.WriteAllText(path, Authority.ExportCertificatePem());

    /// <summary>True when <paramref name="certificate"/> chains to <paramref name="authority"/> and matches the host name.</summary>
    public static bool IsTrusted(X509Certificate2 authority, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }

    /// <summary>An HTTP handler that trusts only <paramref name="authority"/>, e.g. for a JWT bearer backchannel.</summary>
    public static SocketsHttpHandler TrustingHandler(X509Certificate2 authority) => new()
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, errors) => IsTrusted(authority, certificate, errors) },
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
    };

    public void Dispose()
    {
        Authority.Dispose();
        Server.Dispose();
    }
}
