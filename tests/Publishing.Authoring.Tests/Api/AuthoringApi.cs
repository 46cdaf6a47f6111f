using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Publishing.Authoring.Data;
using Publishing.Messaging;
using Publishing.Messaging.Outbox;
using Publishing.Testing;

namespace Publishing.Authoring.Tests.Api;

/// <summary>The Authoring service in memory: its own SQLite file, an in-memory bus, dev tokens.</summary>
public sealed class AuthoringApi : WebApplicationFactory<Program>
{
    private readonly TempDirectory _data = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in ServiceHost.Settings(rabbitMq: null, _data.Path))
            if (value is not null) builder.UseSetting(key, value);
    }

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

    public async Task<T> WithDb<T>(Func<AuthoringDbContext, Task<T>> work)
    {
        await Services.GetRequiredService<DatabaseReady<AuthoringDbContext>>().WaitAsync(CancellationToken.None);
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AuthoringDbContext>());
    }

    /// <summary>The events Authoring staged in its outbox, of one type, oldest first.</summary>
    public Task<List<T>> EventsAsync<T>() => WithDb(async db =>
    {
        var name = $"{typeof(T).FullName}, {typeof(T).Assembly.GetName().Name}";
        var rows = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.MessageType == name).OrderBy(m => m.Sequence).ToListAsync();
        return rows.Select(r => JsonSerializer.Deserialize<T>(r.Body, JsonSerializerOptions.Web)!).ToList();
    });

    public Task PublishAsync<T>(T message) where T : class => Services.GetRequiredService<IBus>().Publish(message);

    /// <summary>Publishes and waits until the named consumer has handled the message (its inbox row committed).</summary>
    public async Task PublishAndWaitAsync<T>(T message, string consumer) where T : class
    {
        var id = Guid.NewGuid();
        await Services.GetRequiredService<IBus>().Publish(message, c => c.MessageId = id);
        await Eventually.Until(() => WithDb(db => db.Set<global::Publishing.Messaging.Inbox.InboxMessage>()
            .AnyAsync(m => m.MessageId == id && m.Consumer == consumer)), what: $"{consumer} to handle {typeof(T).Name}");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _data.Dispose();
    }
}
