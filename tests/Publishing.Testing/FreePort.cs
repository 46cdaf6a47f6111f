using System.Net;
using System.Net.Sockets;

namespace Publishing.Testing;

/// <summary>A loopback port nothing listens on right now, for a host whose address must be known before it starts.</summary>
/// <remarks>
/// A port is free only until someone binds it, and the system may hand a just-released port out again: so
/// this process never hands out the same port twice, or a proxy could be given its broker's port before
/// the broker binds it, and then forward to itself.
/// </remarks>
public static class FreePort
{
    private static readonly HashSet<int> HandedOut = [];

    public static int Next()
    {
        for (var i = 0; i < 100; i++)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (HandedOut)
                if (HandedOut.Add(port)) return port;
        }
        throw new InvalidOperationException("No loopback port was free that this process had not handed out already.");
    }
}
