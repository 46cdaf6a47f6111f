using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Http.Resilience;
using Publishing.Studio.Auth;

namespace Publishing.Studio.Api;

public static class ApiRegistration
{
    /// <summary>
    /// One typed client per service, base URL <c>Studio:Services:{Service}</c>, with the signed-in
    /// user's token and the standard resilience pipeline (no retries for POST/PUT/DELETE: a retried
    /// submission or approval could be recorded twice).
    /// </summary>
    public static IServiceCollection AddStudioApis(this IServiceCollection services)
    {
        services.AddTransient<AccessTokenHandler>();
        Add<AuthoringApi>(services, "Authoring");
        Add<ReleasesApi>(services, "Authoring");
        Add<ReviewApi>(services, "Review");
        Add<SearchApi>(services, "Search");
        Add<NotificationsApi>(services, "Notifications");
        return services;
    }

    private static void Add<TClient>(IServiceCollection services, string service) where TClient : class =>
        services.AddHttpClient<TClient>((sp, client) => client.BaseAddress = BaseAddress(sp, service))
            .AddHttpMessageHandler<AccessTokenHandler>()
            .AddStandardResilienceHandler(o => o.Retry.DisableForUnsafeHttpMethods());

    /// <summary>
    /// The configured base URL, or else the Studio's own origin (right for the standalone host, where
    /// every API is served by the same process). The origin is taken from the connection's local
    /// address and port, never from the Host header, which a client could point anywhere.
    /// </summary>
    internal static Uri BaseAddress(IServiceProvider sp, string service)
    {
        var configured = sp.GetRequiredService<IConfiguration>()[$"Studio:Services:{service}"];
        if (!string.IsNullOrWhiteSpace(configured))
            return new Uri(configured.EndsWith('/') ? configured : configured + "/");

        var http = sp.GetRequiredService<IHttpContextAccessor>().HttpContext
            ?? throw new InvalidOperationException($"Studio:Services:{service} is not set and there is no current request to take the Studio's own origin from.");
        var connection = http.Connection;
        if (connection.LocalIpAddress is not { } ip || connection.LocalPort == 0)
            throw new InvalidOperationException($"Studio:Services:{service} is not set and the request came through no socket to take the Studio's own address from.");
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        var host = ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{ip}]" : ip.ToString();
        var scheme = http.Features.Get<ITlsConnectionFeature>() is null ? "http" : "https";
        if (scheme == "https" && IPAddress.IsLoopback(ip)) host = "localhost"; // the dev certificate's name
        return new Uri($"{scheme}://{host}:{connection.LocalPort}/");
    }
}

/// <summary>Adds the signed-in user's access token (kept in the Studio cookie) to every API call.</summary>
public sealed class AccessTokenHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (request.Headers.Authorization is null && accessor.HttpContext is { } http)
        {
            var token = await http.GetTokenAsync(StudioAuth.Scheme, StudioAuth.AccessToken);
            if (!string.IsNullOrEmpty(token))
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }
        return await base.SendAsync(request, ct);
    }
}
