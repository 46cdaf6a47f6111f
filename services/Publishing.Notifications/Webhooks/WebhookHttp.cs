using System.Net;
using System.Net.Sockets;

namespace Publishing.Notifications.Webhooks;

/// <summary>The one HttpClient webhooks go out through.</summary>
public static class WebhookHttp
{
    /// <summary>
    /// Redirects are not followed, cookies are not kept, and every connection resolves its host and
    /// refuses addresses the <see cref="AddressGuard"/> does not permit before it opens a socket.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(AddressGuard guard) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        // Re-resolve names now and then, so a site that moves is followed (and re-checked).
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        MaxConnectionsPerServer = 64,
        MaxResponseHeadersLength = 16, // KB
        MaxResponseDrainSize = 0,
        ConnectCallback = (context, ct) => ConnectAsync(guard, context.DnsEndPoint, ct),
    };

    public static HttpClient CreateClient(AddressGuard guard) =>
        new(CreateHandler(guard), disposeHandler: true)
        {
            // Each attempt has its own deadline (WebhookOptions.AttemptTimeout).
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestHeaders = { { "User-Agent", "Publishing-Webhooks/1.0" } },
        };

    private static async ValueTask<Stream> ConnectAsync(AddressGuard guard, DnsEndPoint endpoint, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, ct);
        if (addresses.Length == 0)
            throw new AddressRefusedException($"'{endpoint.Host}' does not resolve.");
        // One internal address among public ones is refused too: the name is not trustworthy.
        if (addresses.FirstOrDefault(a => !guard.Permits(a)) is { } refused)
            throw new AddressRefusedException(
                $"Refused to connect to '{endpoint.Host}': it resolves to {refused}, an internal address.");

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
