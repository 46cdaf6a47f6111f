using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Publishing.Testing;

namespace Publishing.Benchmarks;

/// <summary>
/// The services as the benchmarks run them: the tests' <see cref="ServiceHost"/> with production's
/// sweep interval and quiet logs, handed over only once ready, a failure to get there reported as the
/// benchmark's.
/// </summary>
public static class BenchHosts
{
    /// <summary>ServiceHost's settings, with the production sweep interval and quiet logs.</summary>
    public static Dictionary<string, string?> Settings(Uri vhost, string dataDirectory)
    {
        var settings = ServiceHost.Settings(vhost, dataDirectory);
        // Production sweep interval, so a missed wake-up cannot hide behind a fast sweeper.
        settings.Remove("Messaging:Outbox:SweepInterval");
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Logging:LogLevel:Microsoft"] = "Warning";
        settings["Logging:LogLevel:MassTransit"] = "Warning";
        settings["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning";
        settings["Logging:LogLevel:Microsoft.EntityFrameworkCore.Migrations"] = "Error";
        // /health/ready is polled while the bus starts; its 'not started' is expected here.
        settings["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks"] = "Critical";
        return settings;
    }

    /// <param name="services">Registered before the bus starts (a consume observer sees the first message of a backlog).</param>
    public static async Task<ServiceHost> StartAsync(
        string name, Func<string[], Action<WebApplicationBuilder>?, WebApplication> create,
        IDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        var host = await ServiceHost.StartAsync(create, settings, services: services);
        try
        {
            await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
            if (host.Services.GetService<IBusControl>() is { } bus) await B1MassTransit.WaitHealthyAsync(bus);
        }
        catch (Exception ex) when (ex is TimeoutException or BenchmarkFailure)
        {
            await host.DisposeAsync();
            throw ex as BenchmarkFailure ?? new BenchmarkFailure($"{name}: {ex.Message}");
        }
        return host;
    }
}
