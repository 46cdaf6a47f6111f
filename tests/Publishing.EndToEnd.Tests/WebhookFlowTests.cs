using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Publishing.Testing;
using Xunit;

namespace Publishing.EndToEnd.Tests;

/// <summary>Domain scenarios 1 and 2 from a subscriber's side: signed webhooks over the real broker.</summary>
[Collection(RabbitMqFixture.Collection)]
public sealed class WebhookFlowTests(RabbitMqFixture rabbit) : IDisposable
{
    private readonly TempDirectory _data = new();

    // Header values are copied out: Kestrel reuses a request's header collection once it completes.
    private sealed record Hook(string Id, string Timestamp, string Signature, string Body);

    [Fact]
    public async Task A_regorafenib_subscriber_gets_signed_published_and_withdrawn_webhooks_and_nothing_about_imatinib()
    {
        await using var cluster = await Cluster.StartAsync(await rabbit.CreateVirtualHostAsync(), _data);
        var hooks = new ConcurrentQueue<Hook>();
        await using var receiver = await StartReceiverAsync(hooks);

        var admin = await cluster.Notifications.ClientAsAsync("admin-1", "admin");
        var created = await admin.PostAsJsonAsync("/api/subscriptions", new
        {
            name = "Hospital formulary", url = receiver.Url, events = new[] { "content.published", "content.withdrawn" },
            filter = new { slugs = new[] { "regorafenib" } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var secret = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;

        var editor = await cluster.Authoring.ClientAsAsync("editor-1", "editor");
        await ReviewFlowTests.PublishSample(cluster, editor, "imatinib");
        await ReviewFlowTests.PublishSample(cluster, editor, "regorafenib");
        var reviewer = await cluster.Authoring.ClientAsAsync("pharmacist-1", "reviewer", "Clinical pharmacist");
        Assert.Equal(HttpStatusCode.Accepted, (await reviewer.PostAsJsonAsync("/api/content/regorafenib/withdrawal",
            new { reason = "Test withdrawal of the whole entry." })).StatusCode);

        await Eventually.Until(() => Task.FromResult(hooks.Count >= 2), what: "the published and withdrawn webhooks");
        await Task.Delay(500); // anything about imatinib would have arrived with them
        var received = hooks.ToList();
        // Deliveries are sent in parallel, so their order is not guaranteed; sites order by revision and timestamp.
        Assert.Equal(["content.published", "content.withdrawn"], received.Select(h => Type(h)).Order().ToArray());
        received = received.OrderBy(h => Type(h)).ToList();
        Assert.All(received, h => Assert.Equal("regorafenib", Data(h).GetProperty("slug").GetString()));
        Assert.Equal("safety", Data(received[0]).GetProperty("changeClass").GetString());
        Assert.All(received, h => Assert.True(SignatureValid(h, secret), "the Standard Webhooks signature must verify"));
    }

    private static string Type(Hook h) => JsonDocument.Parse(h.Body).RootElement.GetProperty("type").GetString()!;

    private static JsonElement Data(Hook h) => JsonDocument.Parse(h.Body).RootElement.GetProperty("data").Clone();

    /// <summary>The Standard Webhooks scheme: v1,base64(HMAC-SHA256(secret, "id.timestamp.body")).</summary>
    private static bool SignatureValid(Hook h, string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signed = $"{h.Id}.{h.Timestamp}.{h.Body}";
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(signed)));
        return h.Signature.Split(' ').Contains(expected);
    }

    private sealed class Receiver(WebApplication app, Uri url) : IAsyncDisposable
    {
        public Uri Url { get; } = url;
        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }

    private static async Task<Receiver> StartReceiverAsync(ConcurrentQueue<Hook> hooks)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            hooks.Enqueue(new Hook(request.Headers["webhook-id"].ToString(), request.Headers["webhook-timestamp"].ToString(),
                request.Headers["webhook-signature"].ToString(), await reader.ReadToEndAsync()));
            return Results.NoContent();
        });
        await app.StartAsync();
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new Receiver(app, new Uri($"http://{bound.Authority}/hook"));
    }

    public void Dispose() => _data.Dispose();
}
