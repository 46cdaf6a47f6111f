using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Publishing.Testing;

/// <summary>One service (or the standalone host) running on a real loopback port, as in production.</summary>
public sealed class ServiceHost : IAsyncDisposable
{
    private bool _stopped;

    private ServiceHost(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
        Http = new HttpClient { BaseAddress = address };
    }

    public WebApplication App { get; }
    public Uri Address { get; }
    public HttpClient Http { get; }
    public IServiceProvider Services => App.Services;

    /// <param name="environment">Development by default: the dev issuer and loopback webhook targets exist only there.</param>
    /// <param name="services">
    /// Services added after the host's own and before it starts, e.g. a consume observer that must see
    /// the first message of a backlog waiting in its queue.
    /// </param>
    public static async Task<ServiceHost> StartAsync(
        Func<string[], Action<WebApplicationBuilder>?, WebApplication> create, IDictionary<string, string?> settings,
        string environment = "Development", Action<IServiceCollection>? services = null)
    {
        var app = create(["--environment", environment], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ServiceHost(app, new Uri(address));
    }

    /// <summary>
    /// Waits until <c>/health/ready</c> reports Healthy: its databases migrated and its bus with every
    /// receive endpoint up, so its queues exist before anything is published to them.
    /// </summary>
    public async Task WaitUntilReadyAsync(TimeSpan? timeout = null)
    {
        var last = "no answer";
        async Task<bool> Ready()
        {
            try
            {
                using var response = await Http.GetAsync("/health/ready");
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                var status = body.TryGetProperty("status", out var s) ? s.GetString() : null;
                last = $"{(int)response.StatusCode} {status ?? "(no status)"}";
                return response.IsSuccessStatusCode && status == "Healthy";
            }
            catch (Exception ex) when (ex is HttpRequestException or JsonException)
            {
                last = ex.Message;
                return false;
            }
        }
        try
        {
            await Eventually.Until(Ready, timeout ?? TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Address}health/ready did not report Healthy in time (last: {last}).");
        }
    }

    /// <summary>Settings for a test host: its own data folder, the given broker, a fast sweeper, dev tokens.</summary>
    public static Dictionary<string, string?> Settings(Uri? rabbitMq, string dataDirectory) => new()
    {
        ["Urls"] = "http://127.0.0.1:0",
        ["Messaging:Transport"] = rabbitMq is null ? "InMemory" : "RabbitMq",
        ["ConnectionStrings:RabbitMq"] = rabbitMq?.ToString(),
        ["DataDirectory"] = dataDirectory,
        ["Auth:DevIssuer:Enabled"] = "true",
        // Tests call far faster than any one real client may; the limits have tests of their own.
        ["RateLimits:PublicReads:PermitsPerSecond"] = "100000",
        ["RateLimits:PublicReads:Burst"] = "100000",
        ["RateLimits:Search:PermitsPerSecond"] = "100000",
        ["RateLimits:Search:Burst"] = "100000",
        ["RateLimits:Tokens:PermitsPerSecond"] = "100000",
        ["RateLimits:Tokens:Burst"] = "100000",
        // A search may take longer than production's budget on a machine running the whole suite at once.
        ["Search:TimeBudget"] = "00:00:10",
        ["Seed:Enabled"] = "false",
        // Test webhook receivers listen on loopback.
        ["Notifications:Webhooks:AllowPrivateNetworks"] = "true",
        ["Messaging:Outbox:SweepInterval"] = "00:00:00.500",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:MassTransit"] = "Warning",
    };

    /// <summary>A client that acts as the given user, with a token from the host's dev issuer.</summary>
    public Task<HttpClient> ClientAsAsync(string userId, string role, string? qualification = null) =>
        ClientAsAsync(userId, [role], qualification);

    /// <summary>As above, named as people see them (by default "Test {userId}").</summary>
    public async Task<HttpClient> ClientAsAsync(string userId, string[] roles, string? qualification = null, string? name = null)
    {
        var response = await Http.PostAsJsonAsync("/api/dev/tokens",
            new { userId, name = name ?? $"Test {userId}", roles, qualification });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await App.StopAsync();
        await App.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await StopAsync();
    }
}
