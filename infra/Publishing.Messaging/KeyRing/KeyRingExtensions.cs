using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Publishing.Messaging.KeyRing;

/// <summary>Where this process's key ring lives and how it is protected, as the start-up log line says.</summary>
public sealed record KeyRingLocation(string Database, string ApplicationName, string? CertificateSubject);

public static class KeyRingExtensions
{
    /// <summary>
    /// The one Data Protection key ring of a process: kept in <typeparamref name="TContext"/>'s table
    /// (<see cref="DataProtectionKeyModel.AddDataProtectionKeys"/>), encrypted there with
    /// <see cref="KeyRingCertificate"/> (outside Development the start is refused without it).
    /// Idempotent: a process has one key ring, so when several modules share a container (the
    /// standalone host) the first to register decides where it lives and the others use it.
    /// </summary>
    /// <param name="applicationName">Isolates this service's protected data from any other's sharing a key ring.</param>
    public static IHostApplicationBuilder AddDatabaseKeyRing<TContext>(this IHostApplicationBuilder builder, string applicationName)
        where TContext : DbContext
    {
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(KeyRingLocation))) return builder;

        var certificate = KeyRingCertificate.Load(builder.Configuration, builder.Environment);
        services.AddSingleton(new KeyRingLocation(typeof(TContext).Name, applicationName, certificate?.Subject));
        var dataProtection = services.AddDataProtection().SetApplicationName(applicationName);
        if (certificate is not null)
            dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = new DatabaseXmlRepository<TContext>(sp.GetRequiredService<IServiceScopeFactory>())));
        services.AddHostedService<KeyRingReport>();
        return builder;
    }
}

/// <summary>Says at start-up where the key ring is and whether it is encrypted at rest.</summary>
internal sealed class KeyRingReport(KeyRingLocation location, ILogger<KeyRingReport> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (location.CertificateSubject is { } subject)
            log.LogInformation("Data Protection keys ({Application}) are kept in the {Database} database, encrypted with the certificate {Subject}",
                location.ApplicationName, location.Database, subject);
        else
            log.LogInformation("Data Protection keys ({Application}) are kept in the {Database} database UNENCRYPTED: allowed in Development only; " +
                "set DataProtection:Certificate:Path to encrypt them", location.ApplicationName, location.Database);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
