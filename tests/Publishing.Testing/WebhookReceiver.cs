using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Publishing.Testing;

/// <summary>One request a receiver got, as it arrived (headers copied: Kestrel reuses its own once a request ends).</summary>
/// <param name="Timestamp">When it arrived, in <see cref="Stopwatch"/> ticks, for latencies.</param>
public sealed record ReceivedRequest(string Path, IHeaderDictionary Headers, string Body, DateTimeOffset At, long Timestamp)
{
    public string WebhookId => Headers["webhook-id"].ToString();
}

/// <summary>What the receiver answers to one request.</summary>
public sealed record Reply(int Status, IReadOnlyDictionary<string, string>? Headers = null, bool Hang = false, string? Body = null)
{
    public static readonly Reply Ok = new(200);
    public static Reply Hanging => new(0, Hang: true);
}

/// <summary>
/// A webhook subscriber's endpoint: a real HTTP server on loopback (Kestrel on port 0) that records
/// every request, on any path, and answers what the test scripted, in order; once the script runs out
/// it answers <see cref="Fallback"/>.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Reply> _script = new();
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private int _concurrent;
    private int _maxConcurrent;

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary><c>/hook</c> on the receiver; any other path is received too (<see cref="UrlFor"/>).</summary>
    public Uri Url { get; private set; } = null!;
    public int Port => Url.Port;
    public Reply Fallback { get; set; } = Reply.Ok;

    /// <summary>How long each request takes before it is answered.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>The most requests this receiver was handling at one moment.</summary>
    public int MaxConcurrent => _maxConcurrent;

    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];
    public int Count => _requests.Count;

    public static async Task<WebhookReceiver> StartAsync(string address = "127.0.0.1", params Reply[] script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Parse(address), 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        receiver.Then(script);
        app.Map("/{**path}", receiver.HandleAsync);
        await app.StartAsync();
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        receiver.Url = new Uri($"http://{bound.Authority}/hook");
        return receiver;
    }

    /// <summary>Another path on this receiver, e.g. one per subscription.</summary>
    public Uri UrlFor(string path) => new(Url, "/" + path.TrimStart('/'));

    /// <summary>Adds replies to the end of the script.</summary>
    public void Then(params Reply[] replies)
    {
        foreach (var r in replies) _script.Enqueue(r);
    }

    public Task WaitForAsync(int count, TimeSpan? timeout = null) =>
        Eventually.Until(() => Task.FromResult(Count >= count), timeout, $"{count} requests at {Url} (got {Count})");

    private async Task HandleAsync(HttpContext http)
    {
        var now = Interlocked.Increment(ref _concurrent);
        for (var max = _maxConcurrent; now > max; max = _maxConcurrent)
            if (Interlocked.CompareExchange(ref _maxConcurrent, now, max) == max) break;
        try
        {
            if (Delay > TimeSpan.Zero) await Task.Delay(Delay);
            await AnswerAsync(http);
        }
        finally
        {
            Interlocked.Decrement(ref _concurrent);
        }
    }

    private async Task AnswerAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = new HeaderDictionary();
        foreach (var (k, v) in http.Request.Headers) headers[k] = v;
        _requests.Enqueue(new ReceivedRequest(http.Request.Path, headers, body, DateTimeOffset.UtcNow, Stopwatch.GetTimestamp()));

        var reply = _script.TryDequeue(out var scripted) ? scripted : Fallback;
        if (reply.Hang)
        {
            try { await Task.Delay(Timeout.Infinite, http.RequestAborted); }
            catch (OperationCanceledException) { }
            return;
        }
        http.Response.StatusCode = reply.Status;
        foreach (var (k, v) in reply.Headers ?? new Dictionary<string, string>()) http.Response.Headers[k] = v;
        if (reply.Body is not null) await http.Response.WriteAsync(reply.Body);
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try { await _app.StopAsync(stop.Token); } catch (OperationCanceledException) { }
        await _app.DisposeAsync();
    }
}
