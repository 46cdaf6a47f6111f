using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Publishing.Notifications.Webhooks;
using Publishing.Testing;

namespace Publishing.Notifications.Tests.Api;

/// <summary>
/// What a Notifications host needs to start outside Development: an OpenID Connect authority (never
/// contacted here: no request carries a token), a public base URL and no development aids.
/// </summary>
public static class ProductionSettings
{
    public static Dictionary<string, string?> For(string dataDirectory)
    {
        var settings = ServiceHost.Settings(rabbitMq: null, dataDirectory);
        settings["Auth:DevIssuer:Enabled"] = "false";
        settings["Auth:Authority"] = "https://login.example.org/realms/publishing/";
        settings["PublicBaseUrl"] = "https://medicines.example.org/";
        settings["Notifications:Webhooks:AllowPrivateNetworks"] = "false";
        settings["Notifications:Webhooks:PollInterval"] = "00:00:00.100";
        return settings;
    }

    /// <summary>A self-signed RSA certificate with its key, as a password-protected .pfx file.</summary>
    public static (string Path, string Password) WriteCertificate(string folder, string name = "keyring.pfx")
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Publishing key ring (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12));
        var path = System.IO.Path.Combine(folder, name);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return (path, password);
    }

    /// <summary>Builds (not starts) a host in <paramref name="environment"/>; a refused setting throws here.</summary>
    public static WebApplication Build(IDictionary<string, string?> settings, string environment = "Production", WebhookNetwork? network = null) =>
        NotificationsHost.Create(["--environment", environment], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            if (network is not null) builder.Services.AddSingleton(network);
        });

    public static async Task<ServiceHost> StartAsync(IDictionary<string, string?> settings, WebhookNetwork? network = null) =>
        await ServiceHost.StartAsync((args, configure) => NotificationsHost.Create(args, builder =>
        {
            configure?.Invoke(builder);
            if (network is not null) builder.Services.AddSingleton(network);
        }), settings, environment: "Production");
}
