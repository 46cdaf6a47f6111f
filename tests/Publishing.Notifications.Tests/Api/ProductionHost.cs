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
public static class ProductionHost
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
