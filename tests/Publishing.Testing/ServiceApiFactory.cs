using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Publishing.Messaging;
using Publishing.Messaging.Inbox;
using Publishing.Messaging.Outbox;

namespace Publishing.Testing;

/// <summary>
/// One service in memory for API tests: its own SQLite folder, an in-memory bus, dev tokens. Tests
/// feed it other services' events on the bus and read what it staged from its outbox.
/// </summary>
public abstract class ServiceApiFactory<TProgram, TDbContext> : WebApplicationFactory<TProgram>
    where TProgram : class
    where TDbContext : DbContext
{
    private readonly TempDirectory? _owned;

    /// <param name="dataDirectory">The folder of an earlier host, to restart on the same data; null for a fresh one.</param>
    protected ServiceApiFactory(string? dataDirectory = null)
    {
        _owned = dataDirectory is null ? new TempDirectory() : null;
        DataDirectory = dataDirectory ?? _owned!.Path;
    }

    public string DataDirectory { get; }

    protected sealed override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in ServiceHost.Settings(rabbitMq: null, DataDirectory))
            if (value is not null) builder.UseSetting(key, value);
        Configure(builder);
    }

    /// <summary>Extra settings or services for one kind of test host.</summary>
    protected virtual void Configure(IWebHostBuilder builder) { }

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

    public async Task<T> WithDb<T>(Func<TDbContext, Task<T>> work)
    {
        await Services.GetRequiredService<DatabaseReady<TDbContext>>().WaitAsync(CancellationToken.None);
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TDbContext>());
    }

    /// <summary>The events the service staged in its outbox, of one type, oldest first.</summary>
    public Task<List<T>> EventsAsync<T>() => WithDb(async db =>
    {
        var name = $"{typeof(T).FullName}, {typeof(T).Assembly.GetName().Name}";
        var rows = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.MessageType == name).OrderBy(m => m.Sequence).ToListAsync();
        return rows.Select(r => JsonSerializer.Deserialize<T>(r.Body, JsonSerializerOptions.Web)!).ToList();
    });

    public Task PublishAsync<T>(T message) where T : class => Services.GetRequiredService<IBus>().Publish(message);

    /// <summary>Publishes and waits until the named consumer has handled the message (its inbox row committed).</summary>
    public async Task PublishAndWaitAsync<T>(T message, string consumer, Guid? messageId = null) where T : class
    {
        var id = messageId ?? Guid.NewGuid();
        await Services.GetRequiredService<IBus>().Publish(message, c => c.MessageId = id);
        await Eventually.Until(() => WithDb(db => db.Set<InboxMessage>()
            .AnyAsync(m => m.MessageId == id && m.Consumer == consumer)), what: $"{consumer} to handle {typeof(T).Name}");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _owned?.Dispose();
    }
}
