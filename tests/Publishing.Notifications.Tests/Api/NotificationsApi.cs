using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Publishing.Messaging;
using Publishing.Messaging.Inbox;
using Publishing.Notifications.Data;
using Publishing.Testing;

namespace Publishing.Notifications.Tests.Api;

/// <summary>
/// The Notifications service in memory: its own SQLite file, an in-memory bus, dev tokens, private
/// networks allowed (the receivers are on loopback) unless a test says otherwise, and optionally a
/// fake clock that drives the retry schedule.
/// </summary>
public sealed class NotificationsApi : WebApplicationFactory<Program>
{
    public const string WebhooksConsumer = "EnqueueWebhooksConsumer";
    public const string MailConsumer = "StaffMailConsumer";

    private readonly TempDirectory _data = new();
    private readonly Dictionary<string, string?> _settings;

    public NotificationsApi(FakeTimeProvider? clock = null, IDictionary<string, string?>? settings = null)
    {
        Clock = clock;
        _settings = new Dictionary<string, string?>
        {
            ["Notifications:Webhooks:AllowPrivateNetworks"] = "true",
            ["Notifications:Webhooks:PollInterval"] = "00:00:00.100",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) _settings[k] = v;
    }

    public FakeTimeProvider? Clock { get; }
    public string DataDirectory => _data.Path;
    public string PickupDirectory => Path.Combine(_data.Path, "mail-pickup");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in ServiceHost.Settings(rabbitMq: null, _data.Path))
            if (value is not null) builder.UseSetting(key, value);
        foreach (var (key, value) in _settings)
            if (value is not null) builder.UseSetting(key, value);
        if (Clock is not null)
            builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    public async Task<HttpClient> AdminAsync(string userId = "admin-1") => await ClientAsAsync(userId, "admin");

    public async Task<HttpClient> ClientAsAsync(string userId, string role)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/dev/tokens", new { userId, name = $"Test {userId}", roles = new[] { role } });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<T> WithDb<T>(Func<NotificationsDbContext, Task<T>> work)
    {
        await Services.GetRequiredService<DatabaseReady<NotificationsDbContext>>().WaitAsync(CancellationToken.None);
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<NotificationsDbContext>());
    }

    /// <summary>Publishes and waits until the named consumer has handled it (its inbox row committed).</summary>
    public async Task PublishAndWaitAsync<T>(T message, string consumer = WebhooksConsumer, Guid? messageId = null) where T : class
    {
        var id = messageId ?? Guid.NewGuid();
        await Services.GetRequiredService<IBus>().Publish(message, c => c.MessageId = id);
        await Eventually.Until(() => WithDb(db => db.Set<InboxMessage>()
            .AnyAsync(m => m.MessageId == id && m.Consumer == consumer)), what: $"{consumer} to handle {typeof(T).Name}");
    }

    public Task<List<Delivery>> DeliveriesAsync(Guid subscriptionId) => WithDb(db => db.Deliveries.AsNoTracking()
        .Where(d => d.SubscriptionId == subscriptionId).Include(d => d.AttemptLog).OrderBy(d => d.Id).ToListAsync());

    /// <summary>Moves the fake clock on in steps (so the worker's poll fires) until the condition holds.</summary>
    public async Task AdvanceUntilAsync(TimeSpan step, Func<Task<bool>> done, int maxSteps = 500, string? what = null)
    {
        var clock = Clock ?? throw new InvalidOperationException("This host has no fake clock.");
        for (var i = 0; i < maxSteps; i++)
        {
            if (await done()) return;
            clock.Advance(step);
            await Task.Delay(30);
        }
        // One last look: the step just taken may have done it.
        await Eventually.Until(done, TimeSpan.FromSeconds(5), what ?? "the condition while advancing the clock");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _data.Dispose();
    }
}
