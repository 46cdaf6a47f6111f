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

/// <summary>One webhook as the subscriber saw it, with what it answered (null: it hung and never answered).</summary>
public sealed record Received(string WebhookId, string Type, string Slug, int Revision, DateTimeOffset At, int? Answered);

/// <summary>
/// A downstream site's webhook endpoint on loopback: records every request and answers 200, or, while
/// <see cref="Hanging"/>, holds each request open without an answer until the sender gives up.
/// </summary>
public sealed class Subscriber : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly CancellationTokenSource _stopping = new();

    private Subscriber(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>While true, requests are held open and never answered.</summary>
    public volatile bool Hanging;

    public IReadOnlyList<Received> Received => [.. _received];

    public static async Task<Subscriber> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var subscriber = new Subscriber(app);
        app.MapPost("/hook", subscriber.HandleAsync);
        await app.StartAsync();
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        subscriber.Url = new Uri($"http://{bound.Authority}/hook");
        return subscriber;
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        var (type, slug, revision) = Parse(body);
        var id = http.Request.Headers["webhook-id"].ToString();
        if (Hanging)
        {
            _received.Enqueue(new Received(id, type, slug, revision, DateTimeOffset.UtcNow, null));
            using var either = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _stopping.Token);
            try { await Task.Delay(TimeSpan.FromMinutes(10), either.Token); }
            catch (OperationCanceledException) { }
            return;
        }
        _received.Enqueue(new Received(id, type, slug, revision, DateTimeOffset.UtcNow, StatusCodes.Status200OK));
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
