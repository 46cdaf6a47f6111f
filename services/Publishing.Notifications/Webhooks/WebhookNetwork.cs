using System.Net;
using System.Net.Sockets;

namespace Publishing.Notifications.Webhooks;

/// <summary>
/// How webhooks find and reach a host: DNS, then TCP. Every lookup and connection goes through the
/// <see cref="AddressGuard"/> first (<see cref="WebhookHttp"/>); tests put a fake network in its place
/// to show that a name resolving to a special-use address is never connected to.
/// </summary>
public class WebhookNetwork
{
    public virtual Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) => Dns.GetHostAddressesAsync(host, ct);

    /// <summary>Connects to the first of <paramref name="addresses"/> that answers.</summary>
    public virtual async ValueTask<Stream> ConnectAsync(IPAddress[] addresses, int port, CancellationToken ct)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
