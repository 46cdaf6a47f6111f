using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Publishing.Testing;

namespace Publishing.Benchmarks;

/// <summary>
/// One service host (its <c>Create(args, configure)</c>) on a loopback port, as ServiceHost in the
/// tests, plus optional services (a consume observer) registered before the bus starts, so it sees the first
/// message of a backlog.
/// </summary>
public sealed class BenchHost : IAsyncDisposable
{
    private bool _stopped;

    private BenchHost(string name, WebApplication app, Uri address)
    {
        Name = name;
        App = app;
        Address = address;
        Http = new HttpClient { BaseAddress = address };
    }

    public string Name { get; }
    public WebApplication App { get; }
    public Uri Address { get; }
    public HttpClient Http { get; }
    public IServiceProvider Services => App.Services;

    /// <summary>Settings for a benchmark host: ServiceHost's, with the production sweep interval and quiet logs.</summary>
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

    public static async Task<BenchHost> StartAsync(
        string name, Func<string[], Action<WebApplicationBuilder>?, WebApplication> create,
        IDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        // Development: the benchmarks sign in with the dev issuer, which exists only there.
        var app = create(["--environment", "Development"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var host = new BenchHost(name, app, new Uri(address));
        await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        await B1MassTransit.WaitHealthyAsync(app.Services.GetRequiredService<IBusControl>());
        return host;
    }

    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await Http.GetAsync("/health/ready");
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                last = body.TryGetProperty("status", out var s) ? s.GetString() ?? "none" : "none";
                if (response.IsSuccessStatusCode && last == "Healthy") return;
            }
            catch (HttpRequestException ex) { last = ex.Message; }
            await Task.Delay(100);
        }
        throw new BenchmarkFailure($"{Name} at {Address} did not report /health/ready Healthy within {timeout.TotalSeconds:0} s (last: {last}).");
    }

    public async Task<HttpClient> ClientAsAsync(string userId, string role)
    {
        var response = await Http.PostAsJsonAsync("/api/dev/tokens", new { userId, name = $"Bench {userId}", roles = new[] { role } });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_stopped) return;
        _stopped = true;
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
