// Webhook delivery throughput: N subscriptions to one loopback receiver, E ContentPublished events
// on the in-memory bus, timed from the first publication until every delivery is recorded delivered.
// Arguments (key=value): subscriptions (100), events (50), concurrency (32), perEndpoint (8).
using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Publishing.Contracts;
using Publishing.Messaging;
using Publishing.Notifications;
using Publishing.Notifications.Data;
using Publishing.Notifications.Subscriptions;
using Publishing.Notifications.Webhooks;
using Publishing.Testing;

var options = args.Select(a => a.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
int Arg(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v) : fallback;
var subscriptions = Arg("subscriptions", 100);
var events = Arg("events", 50);
var concurrency = Arg("concurrency", 32);
var perEndpoint = Arg("perEndpoint", 8);

// The receiver: answers 204 to everything.
await using var receiver = await WebhookReceiver.StartAsync();
receiver.Fallback = new Reply(204);

var data = Directory.CreateTempSubdirectory("notifications-bench-").FullName;
var settings = ServiceHost.Settings(rabbitMq: null, data);
// Production sweep interval (the tests' fast one is for their own waits).
settings.Remove("Messaging:Outbox:SweepInterval");
settings["Notifications:Webhooks:MaxConcurrency"] = concurrency.ToString();
settings["Notifications:Webhooks:MaxConcurrencyPerEndpoint"] = perEndpoint.ToString();
settings["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None";
await using var host = await ServiceHost.StartAsync(NotificationsHost.Create, settings);
var app = host.App;
await app.Services.GetRequiredService<DatabaseReady<NotificationsDbContext>>().WaitAsync(CancellationToken.None);

await using (var scope = app.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
    for (var i = 0; i < subscriptions; i++)
    {
        db.Subscriptions.Add(new Subscription
        {
            Id = Guid.NewGuid(), Name = $"bench-{i}", Url = receiver.UrlFor($"hook/{i}").ToString(),
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
        JsonDocument.Parse("{}").RootElement, ["bench"], "clinical", "Benchmark change", "new-evidence", "bench", "Bench",
        [new Approval("bench-reviewer", "Bench reviewer", "Clinical pharmacist", null, true, DateTimeOffset.UtcNow)],
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
        Console.WriteLine($"  {watch.Elapsed.TotalSeconds,6:0.0} s: {delivered} delivered, {receiver.Count} received");
    }
    if (watch.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException($"Only {delivered} of {expected} delivered after 10 minutes.");
}
watch.Stop();
Console.WriteLine($"{expected} deliveries in {watch.Elapsed.TotalSeconds:0.00} s: {expected / watch.Elapsed.TotalSeconds:0} deliveries/s " +
    $"(receiver saw {receiver.Count} requests)");

await host.StopAsync();
try { Directory.Delete(data, recursive: true); } catch (IOException) { }
