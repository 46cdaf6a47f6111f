using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Publishing.Faults.Traffic;

/// <summary>A subscription to every publication and the path of the subscriber it points at.</summary>
public sealed record SubscriptionEndpoint(string Path, Guid Id);

/// <summary>
/// One webhook as the subscriber saw it: the path it came to (one per subscription), and what it answered
/// (null: it hung and never answered).
/// </summary>
public sealed record Received(string Path, string WebhookId, string Type, string Slug, int Revision, DateTimeOffset At, int? Answered);

/// <summary>
/// Downstream sites' webhook endpoints on one loopback port, a path per subscription: records every request and
/// answers 200, after <see cref="Delay"/> if one is set, or, while <see cref="Hanging"/>, holds each request open
/// without an answer until the sender gives up.
/// </summary>
public sealed class Subscriber : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly CancellationTokenSource _stopping = new();
    private int _inFlight;

    private Subscriber(WebApplication app) => _app = app;

    private Uri _base = null!;

    /// <summary>The address of one subscription's endpoint.</summary>
    public Uri UrlFor(string path) => new(_base, path);

    /// <summary>While true, requests are held open and never answered.</summary>
    public volatile bool Hanging;

    /// <summary>How long each request waits before its 200 (a slow site).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Requests being handled right now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public IReadOnlyList<Received> Received => [.. _received];

    public static async Task<Subscriber> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var subscriber = new Subscriber(app);
        app.MapPost("/{**path}", subscriber.HandleAsync);
        await app.StartAsync();
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        subscriber._base = new Uri($"http://{bound.Authority}/");
        return subscriber;
    }

    private async Task HandleAsync(HttpContext http)
    {
        Interlocked.Increment(ref _inFlight);
        try { await AnswerAsync(http); }
        finally { Interlocked.Decrement(ref _inFlight); }
    }

    private async Task AnswerAsync(HttpContext http)
    {
        var path = http.Request.Path.ToString().TrimStart('/');
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        var (type, slug, revision) = Parse(body);
        var id = http.Request.Headers["webhook-id"].ToString();
        if (Hanging)
        {
            _received.Enqueue(new Received(path, id, type, slug, revision, DateTimeOffset.UtcNow, null));
            using var either = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _stopping.Token);
            try { await Task.Delay(TimeSpan.FromMinutes(10), either.Token); }
            catch (OperationCanceledException) { }
            return;
        }
        // A slow site takes its time, and has taken the webhook in even if the sender is gone when it answers.
        if (Delay > TimeSpan.Zero)
        {
            try { await Task.Delay(Delay, _stopping.Token); }
            catch (OperationCanceledException) { }
        }
        _received.Enqueue(new Received(path, id, type, slug, revision, DateTimeOffset.UtcNow, StatusCodes.Status200OK));
        http.Response.StatusCode = StatusCodes.Status200OK;
    }

    private static (string Type, string Slug, int Revision) Parse(string body)
    {
        try
        {
            var root = JsonDocument.Parse(body).RootElement;
            var data = root.GetProperty("data");
            return (root.GetProperty("type").GetString() ?? "", data.GetProperty("slug").GetString() ?? "",
                data.TryGetProperty("revision", out var r) && r.TryGetInt32(out var n) ? n : 0);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return ("unreadable", "", 0);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try { await _app.StopAsync(stop.Token); } catch (OperationCanceledException) { }
        await _app.DisposeAsync();
    }
}
