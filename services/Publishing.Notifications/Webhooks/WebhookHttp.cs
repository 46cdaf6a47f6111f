using System.Net;

namespace Publishing.Notifications.Webhooks;

/// <summary>The one HttpClient webhooks go out through.</summary>
public static class WebhookHttp
{
    /// <summary>Bounds connecting; an attempt as a whole has its own deadline (<see cref="WebhookOptions.AttemptTimeout"/>).</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Redirects are not followed, cookies are not kept, and every connection resolves its host and
    /// refuses addresses the <see cref="AddressGuard"/> does not permit before it opens a socket.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(AddressGuard guard, WebhookNetwork network) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = ConnectTimeout,
        // Re-resolve names now and then, so a site that moves is followed (and re-checked).
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        MaxConnectionsPerServer = 64,
        MaxResponseHeadersLength = 16, // KB
        MaxResponseDrainSize = 0,
        ConnectCallback = (context, ct) => ConnectAsync(guard, network, context.DnsEndPoint, ct),
    };

    public static HttpClient CreateClient(AddressGuard guard, WebhookNetwork network) =>
        new(CreateHandler(guard, network), disposeHandler: true)
        {
            // Each attempt has its own deadline (WebhookOptions.AttemptTimeout).
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestHeaders = { { "User-Agent", "Publishing-Webhooks/1.0" } },
        };

    private static async ValueTask<Stream> ConnectAsync(AddressGuard guard, WebhookNetwork network, DnsEndPoint endpoint, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await network.ResolveAsync(endpoint.Host, ct);
        if (addresses.Length == 0)
            throw new AddressRefusedException("blocked: the host name resolves to no address");
        // One internal address among public ones is refused too: the name is not trustworthy.
        foreach (var address in addresses)
            if (guard.Refusal(address) is { } range)
                throw new AddressRefusedException($"blocked: {address} is in {range}");
        return await network.ConnectAsync(addresses, endpoint.Port, ct);
    }
}
