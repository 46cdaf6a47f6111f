using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Publishing.Notifications.Webhooks;

namespace Publishing.Notifications.Tests.Api;

/// <summary>
/// DNS and TCP as a test scripts them: each name resolves to the addresses it was given, and every
/// connection, whatever address it was meant for, goes to 127.0.0.1 on the URL's port (a test
/// receiver). So a guard that let a special-use address through shows up as a request the receiver
/// got, and no test traffic ever leaves loopback.
/// </summary>
public sealed class FakeNetwork : WebhookNetwork
{
    private readonly ConcurrentDictionary<string, IPAddress[]> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<IPAddress> _dialled = new();

    public FakeNetwork Name(string host, params string[] addresses)
    {
        _names[host] = addresses.Select(IPAddress.Parse).ToArray();
        return this;
    }

    /// <summary>The first address of each connection that was opened.</summary>
    public IReadOnlyList<IPAddress> Dialled => [.. _dialled];

    public override Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
        _names.TryGetValue(host, out var addresses)
            ? Task.FromResult(addresses)
            : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));

    public override ValueTask<Stream> ConnectAsync(IPAddress[] addresses, int port, CancellationToken ct)
    {
        _dialled.Enqueue(addresses[0]);
        return base.ConnectAsync([IPAddress.Loopback], port, ct);
    }
}
