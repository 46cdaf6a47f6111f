using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Publishing.Messaging.Bus;
using Publishing.Messaging.Database;
using Publishing.Messaging.Outbox;
using Publishing.Messaging.Validation;
using Publishing.Testing;

namespace Publishing.Messaging.Tests;

/// <summary>A minimal service on the real plumbing: its own SQLite file, outbox, inbox and bus.</summary>
public sealed class MessagingHost : IAsyncDisposable
{
    private readonly IHost _host;

    private MessagingHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    /// <param name="configure">Runs after the settings and before the host's own registrations (a log capture, a fake clock).</param>
    public static async Task<MessagingHost> StartAsync(
        Uri rabbitMq, string dataDirectory, Dictionary<string, string?>? extra = null, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        var settings = ServiceHost.Settings(rabbitMq, dataDirectory);
        settings["Messaging:Outbox:PublishTimeout"] = "00:00:02";
        settings["Messaging:Outbox:MaxBackoff"] = "00:00:01";
        foreach (var (k, v) in extra ?? []) settings[k] = v;
        if (Environment.GetEnvironmentVariable("DEBUG_LOGS") == "1") { settings["Logging:LogLevel:Default"] = "Debug"; settings["Logging:LogLevel:MassTransit"] = "Debug"; settings["Logging:Console:TimestampFormat"] = "HH:mm:ss.fff "; }
        builder.Configuration.AddInMemoryCollection(settings);
        configure?.Invoke(builder);
        builder.AddServiceDatabase<TestDbContext, TestDbContext>("Test").WithOutbox();
        builder.Services.AddSingleton<IEventRules<NoteAdded>, NoteAddedRules>();
        builder.AddPublishingBus(bus => bus.AddConsumer<ApplyNoteConsumer>());
        var host = builder.Build();
        await host.StartAsync();
        var result = new MessagingHost(host);
        await result.Services.GetRequiredService<DatabaseReady<TestDbContext>>().WaitAsync(CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await result.Services.GetRequiredService<IOutboxPublisher>().WaitUntilReadyAsync(timeout.Token);
        return result;
    }

    public async Task<T> WithDb<T>(Func<TestDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TestDbContext>());
    }

    /// <summary>Commits a note and its event, as a service's request would.</summary>
    public async Task<Guid> AddNoteAsync(string text)
    {
        var id = Guid.NewGuid();
        await WithDb(async db =>
        {
            db.Notes.Add(new Note { Id = id, Text = text });
            db.AddOutboxMessage(new NoteAdded(id, text), DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        return id;
    }

    public Task<int> EffectsFor(Guid noteId) => WithDb(db => db.Effects.CountAsync(e => e.NoteId == noteId));

    public IBus Bus => Services.GetRequiredService<IBus>();

    /// <summary>
    /// Publishes on a flow of its own: MassTransit keeps its log context in an AsyncLocal, which would otherwise
    /// follow the test into the next host it starts, after this host's loggers are disposed (a restart).
    /// </summary>
    public Task PublishOnOwnFlowAsync(object message)
    {
        using (ExecutionContext.SuppressFlow())
            return Task.Run(() => Bus.Publish(message));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
