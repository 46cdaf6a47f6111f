using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Publishing.Messaging.Outbox;

namespace Publishing.Messaging.Tests;

/// <summary>
/// A database with an outbox that no background dispatcher reads: the test builds the relays
/// itself, to play two instances or one that dies.
/// </summary>
public sealed class Producer : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly OutboxOptions _options;

    private Producer(ServiceProvider services, OutboxOptions options)
    {
        _services = services;
        _options = options;
    }

    public static async Task<Producer> CreateAsync(string folder, OutboxOptions options, params IInterceptor[] interceptors)
    {
        var services = new ServiceCollection()
            .AddDbContext<TestDbContext>(o => o.UseSqlite(ConnectionString(folder)).AddInterceptors(interceptors))
            .BuildServiceProvider();
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<TestDbContext>().Database.EnsureCreatedAsync();
        return new Producer(services, options) { Folder = folder };
    }

    public required string Folder { get; init; }

    public static string ConnectionString(string folder) => $"Data Source={Path.Combine(folder, "producer.db")}";

    /// <param name="clock">The relay's clock (claims, their leases, sent times); the system's by default.</param>
    public OutboxRelay<TestDbContext> Relay(IOutboxPublisher publisher, TimeProvider? clock = null) =>
        new(_services.GetRequiredService<IServiceScopeFactory>(), publisher, Options.Create(_options),
            clock ?? TimeProvider.System, NullLogger<OutboxRelay<TestDbContext>>.Instance);

    public async Task<List<Guid>> AddNotesAsync(int count)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
        var ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in ids)
        {
            db.Notes.Add(new Note { Id = id, Text = $"note {id}" });
            db.AddOutboxMessage(new NoteAdded(id, $"note {id}"), DateTimeOffset.UtcNow);
        }
        await db.SaveChangesAsync();
        return ids;
    }

    public async Task<List<OutboxMessage>> RowsAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TestDbContext>().Set<OutboxMessage>().AsNoTracking().ToListAsync();
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

/// <summary>Records every publish; stands in for the broker where only the relay is under test.</summary>
public sealed class RecordingPublisher : IOutboxPublisher
{
    public System.Collections.Concurrent.ConcurrentDictionary<Guid, int> Published { get; } = new();

    public async Task PublishAsync(object message, Type messageType, Guid messageId, CancellationToken ct)
    {
        await Task.Yield();
        Published.AddOrUpdate(messageId, 1, (_, n) => n + 1);
    }
}

/// <summary>Publishes the first few messages for real, then hangs like a process about to be killed.</summary>
public sealed class CrashingPublisher(IOutboxPublisher inner, int publishBeforeCrash) : IOutboxPublisher
{
    private int _started;
    private int _completed;
    private readonly TaskCompletionSource _firstPublished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task FirstPublished => _firstPublished.Task;

    public async Task PublishAsync(object message, Type messageType, Guid messageId, CancellationToken ct)
    {
        if (Interlocked.Increment(ref _started) > publishBeforeCrash)
        {
            await Task.Delay(Timeout.Infinite, ct);
            return;
        }
        await inner.PublishAsync(message, messageType, messageId, ct);
        if (Interlocked.Increment(ref _completed) == publishBeforeCrash) _firstPublished.TrySetResult();
    }
}
