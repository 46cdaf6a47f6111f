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
using Publishing.Messaging.Outbox;
using Publishing.Review.Data;
using Publishing.Review.Due;
using Publishing.Testing;

namespace Publishing.Review.Tests.Api;

/// <summary>
/// The Review service in memory: its own SQLite file, an in-memory bus, dev tokens. Tests feed it
/// Authoring's events on the bus and read what it staged from its outbox.
/// </summary>
public sealed class ReviewApi : WebApplicationFactory<Program>
{
    private readonly TempDirectory? _owned;
    private readonly string _data;
    private readonly FakeTimeProvider? _clock;

    public ReviewApi() : this(null, null) { }

    private ReviewApi(string? dataDirectory, FakeTimeProvider? clock)
    {
        _owned = dataDirectory is null ? new TempDirectory() : null;
        _data = dataDirectory ?? _owned!.Path;
        _clock = clock;
    }

    /// <summary>
    /// A host whose every clock is <paramref name="clock"/> and whose scheduler never fires by itself
    /// (the test calls RunOnceAsync); pass the folder of an earlier host to restart it on the same data.
    /// </summary>
    public static ReviewApi WithClock(FakeTimeProvider clock, string dataDirectory) => new(dataDirectory, clock);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in ServiceHost.Settings(rabbitMq: null, _data))
            if (value is not null) builder.UseSetting(key, value);
        // The fake clock jumps years; sent outbox rows must outlive that so tests can count them.
        builder.UseSetting("Messaging:Outbox:SentRetention", "36500.00:00:00");
        if (_clock is null) return;
        builder.UseSetting("Review:Due:Interval", "36500.00:00:00");
        // Registered after the service's own TryAdd of TimeProvider.System, so this one wins.
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(_clock));
    }

    public ReviewDueScheduler Scheduler => Services.GetRequiredService<ReviewDueScheduler>();

    public async Task<HttpClient> ClientAsAsync(string userId, string role, string? qualification = null)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/dev/tokens",
            new { userId, name = $"Test {userId}", roles = new[] { role }, qualification });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<T> WithDb<T>(Func<ReviewDbContext, Task<T>> work)
    {
        await Services.GetRequiredService<DatabaseReady<ReviewDbContext>>().WaitAsync(CancellationToken.None);
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ReviewDbContext>());
    }

    /// <summary>The events Review staged in its outbox, of one type, oldest first.</summary>
    public Task<List<T>> EventsAsync<T>() => WithDb(async db =>
    {
        var name = $"{typeof(T).FullName}, {typeof(T).Assembly.GetName().Name}";
        var rows = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.MessageType == name).OrderBy(m => m.Sequence).ToListAsync();
        return rows.Select(r => JsonSerializer.Deserialize<T>(r.Body, JsonSerializerOptions.Web)!).ToList();
    });

    /// <summary>Publishes and waits until the named consumer has handled it (its inbox row committed).</summary>
    public async Task PublishAndWaitAsync<T>(T message, string consumer, Guid? messageId = null) where T : class
    {
        var id = messageId ?? Guid.NewGuid();
        await Services.GetRequiredService<IBus>().Publish(message, c => c.MessageId = id);
        await Eventually.Until(() => WithDb(db => db.Set<InboxMessage>()
            .AnyAsync(m => m.MessageId == id && m.Consumer == consumer)), what: $"{consumer} to handle {typeof(T).Name}");
    }

    public Task<int> RunSchedulerAsync() => WithDb(_ => Scheduler.RunOnceAsync(CancellationToken.None));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _owned?.Dispose();
    }
}
