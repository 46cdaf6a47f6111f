// Webhook delivery throughput: N subscriptions to one loopback receiver, E ContentPublished events
// on the in-memory bus, timed from the first publication until every delivery is recorded delivered.
// Arguments (key=value): subscriptions (100), events (50), concurrency (32), perEndpoint (8).
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Publishing.Contracts;
using Publishing.Messaging;
using Publishing.Notifications;
using Publishing.Notifications.Data;
using Publishing.Notifications.Subscriptions;
using Publishing.Notifications.Webhooks;

var options = args.Select(a => a.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
int Arg(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v) : fallback;
var subscriptions = Arg("subscriptions", 100);
var events = Arg("events", 50);
var concurrency = Arg("concurrency", 32);
var perEndpoint = Arg("perEndpoint", 8);

// The receiver: answers 204 to everything, counting requests.
var received = 0;
var receiverBuilder = WebApplication.CreateSlimBuilder();
receiverBuilder.Logging.ClearProviders();
receiverBuilder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
await using var receiver = receiverBuilder.Build();
receiver.MapPost("/hook/{n}", async (HttpContext http) =>
{
    await http.Request.Body.CopyToAsync(Stream.Null);
    Interlocked.Increment(ref received);
    return Results.NoContent();
});
await receiver.StartAsync();
var receiverUrl = receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

var data = Directory.CreateTempSubdirectory("notifications-bench-").FullName;
await using var app = NotificationsHost.Create(["--environment", "Development"], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Urls"] = "http://127.0.0.1:0",
    ["Messaging:Transport"] = "InMemory",
    ["DataDirectory"] = data,
    ["Auth:DevIssuer:Enabled"] = "true",
    ["Notifications:Webhooks:AllowPrivateNetworks"] = "true",
    ["Notifications:Webhooks:MaxConcurrency"] = concurrency.ToString(),
    ["Notifications:Webhooks:MaxConcurrencyPerEndpoint"] = perEndpoint.ToString(),
    ["Logging:LogLevel:Default"] = "Warning",
    ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None",
}));
await app.StartAsync();
await app.Services.GetRequiredService<DatabaseReady<NotificationsDbContext>>().WaitAsync(CancellationToken.None);

await using (var scope = app.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
    for (var i = 0; i < subscriptions; i++)
    {
        db.Subscriptions.Add(new Subscription
        {
            Id = Guid.NewGuid(), Name = $"bench-{i}", Url = $"{receiverUrl}/hook/{i}",
            Events = Subscription.Join([EventTypes.Published]), Secret = CreateSubscription.NewSecret(),
            OwnerId = "bench", OwnerName = "Bench", CreatedAt = DateTimeOffset.UtcNow,
        });
    }
    await db.SaveChangesAsync();
}

var expected = subscriptions * events;
Console.WriteLine($"{subscriptions} subscriptions to one loopback receiver, {events} events = {expected} deliveries " +
    $"(concurrency {concurrency}, per endpoint {perEndpoint}, SQLite, {Environment.ProcessorCount} CPUs)");
var bus = app.Services.GetRequiredService<IBus>();
var watch = Stopwatch.StartNew();
for (var i = 0; i < events; i++)
{
    var slug = $"drug-{i}";
    await bus.Publish(new ContentPublished(Guid.NewGuid(), slug, 1, DateTimeOffset.UtcNow, "drug", $"Drug {i}",
        JsonDocument.Parse("{}").RootElement, ["bench"], "clinical", "Benchmark change", "new-evidence", "bench", "Bench", [],
        DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null, null, "hash"));
}

var delivered = 0;
var lastReport = TimeSpan.Zero;
while (delivered < expected)
{
    await Task.Delay(100);
    await using var scope = app.Services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
    delivered = await db.Deliveries.CountAsync(d => d.State == DeliveryStates.Delivered);
    if (watch.Elapsed - lastReport > TimeSpan.FromSeconds(2))
    {
        lastReport = watch.Elapsed;
        Console.WriteLine($"  {watch.Elapsed.TotalSeconds,6:0.0} s: {delivered} delivered, {received} received");
    }
    if (watch.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException($"Only {delivered} of {expected} delivered after 10 minutes.");
}
watch.Stop();
Console.WriteLine($"{expected} deliveries in {watch.Elapsed.TotalSeconds:0.00} s: {expected / watch.Elapsed.TotalSeconds:0} deliveries/s " +
    $"(receiver saw {received} requests)");

await app.StopAsync();
try { Directory.Delete(data, recursive: true); } catch (IOException) { }
