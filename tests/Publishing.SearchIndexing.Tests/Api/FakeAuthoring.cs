using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Publishing.Contracts;

namespace Publishing.SearchIndexing.Tests.Api;

/// <summary>
/// Something answering Authoring's <c>GET /api/internal/published</c> on a loopback port, serving whatever
/// revisions a test gives it (genuine or forged) and recording every request it receives.
/// </summary>
public sealed class FakeAuthoring : IAsyncDisposable
{
    public sealed record Received(string Method, string PathAndQuery, string Host, string? Authorization);

    private readonly WebApplication _app;
    private readonly List<Received> _received = [];

    private FakeAuthoring(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>What the published-revisions endpoint serves, in one page.</summary>
    public List<ContentPublished> Published { get; } = [];

    public IReadOnlyList<Received> Requests
    {
        get { lock (_received) return _received.ToList(); }
    }

    public static async Task<FakeAuthoring> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeAuthoring? fake = null;
        app.Use(async (http, next) =>
        {
            lock (fake!._received)
                fake._received.Add(new Received(http.Request.Method, http.Request.Path + http.Request.QueryString,
                    http.Request.Host.Value ?? "", http.Request.Headers.Authorization.FirstOrDefault()));
            await next(http);
        });
        app.MapGet("/api/internal/published", () =>
            Results.Json(new { items = fake!.Published.ToList(), next = (string?)null }, JsonSerializerOptions.Web));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake = new FakeAuthoring(app, new Uri(address));
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
