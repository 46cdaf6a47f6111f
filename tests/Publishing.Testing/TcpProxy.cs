using System.Net;
using System.Net.Sockets;

namespace Publishing.Testing;

/// <summary>
/// A TCP link between a service and its broker that a test can cut and restore, to show what
/// happens while the broker is unreachable without stopping the broker other tests share.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly List<TcpClient> _connections = [];
    private TcpListener? _listener;
    private CancellationTokenSource _cts = new();

    public TcpProxy(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        Port = FreePort.Next();
        if (Port == targetPort) throw new InvalidOperationException($"A proxy cannot listen on the port it forwards to ({targetPort}).");
    }

    public int Port { get; }

    public void Start()
    {
        _cts = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _ = AcceptAsync(_listener, _cts.Token);
    }

    /// <summary>Refuses new connections and drops every open one, as a dead broker would.</summary>
    public void Stop()
    {
        _cts.Cancel();
        _listener?.Stop();
        lock (_connections)
        {
            foreach (var c in _connections) c.Dispose();
            _connections.Clear();
        }
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(ct); }
            catch (Exception) { return; }

            var upstream = new TcpClient();
            try { await upstream.ConnectAsync(_targetHost, _targetPort, ct); }
            catch (Exception) { client.Dispose(); upstream.Dispose(); continue; }

            lock (_connections) { _connections.Add(client); _connections.Add(upstream); }
            _ = PipeAsync(client, upstream, ct);
            _ = PipeAsync(upstream, client, ct);
        }
    }

    private static async Task PipeAsync(TcpClient from, TcpClient to, CancellationToken ct)
    {
        try { await from.GetStream().CopyToAsync(to.GetStream(), ct); }
        catch (Exception) { /* the link was cut */ }
        from.Dispose();
        to.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }
}
