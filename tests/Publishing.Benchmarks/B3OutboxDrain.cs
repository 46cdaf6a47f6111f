using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Publishing.Authoring;
using Publishing.Authoring.Data;
using Publishing.Messaging.Outbox;
using Publishing.Testing;
using RabbitMQ.Client;

namespace Publishing.Benchmarks;

/// <summary>
/// B3: <see cref="OutboxRelay{TDbContext}"/> called directly on Authoring's database, draining rows
/// that are already pending: once with the batch size given (default 100) and once with one row per
/// claim. The rows are written on a context without the wake-up interceptor and the host's own
/// dispatcher sweeps only hourly, so the relay under test is the only one working. The event's
/// exchange is bound to a durable queue, so the broker persists what it confirms.
/// </summary>
public static class B3OutboxDrain
{
    private const int WarmUpRows = 500;

    public static async Task<Row[]> RunAsync(Uri vhost, string data, int rows, int batchSize)
    {
        var folder = Path.Combine(data, "b3-authoring");
        var settings = BenchHosts.Settings(vhost, folder);
        settings["Messaging:Outbox:SweepInterval"] = "01:00:00";
        await using var host = await BenchHosts.StartAsync("authoring", AuthoringHost.Create, settings);
        await BindSinkAsync(vhost);
        await Task.Delay(500); // the dispatcher's first (empty) pass

        var results = new List<Row>();
        foreach (var size in new[] { batchSize, 1 })
        {
            var relay = new OutboxRelay<AuthoringDbContext>(
                host.Services.GetRequiredService<IServiceScopeFactory>(),
                host.Services.GetRequiredService<IOutboxPublisher>(),
                Options.Create(new OutboxOptions { BatchSize = size }),
                TimeProvider.System,
                host.Services.GetRequiredService<ILogger<OutboxRelay<AuthoringDbContext>>>());
            // Not timed: the first pass JIT-compiles the relay and the publish path, which would
            // otherwise be charged to whichever batch size runs first.
            await StageAsync(Path.Combine(folder, "authoring.db"), WarmUpRows);
            while (await relay.RelayBatchAsync(CancellationToken.None) > 0) { }

            await StageAsync(Path.Combine(folder, "authoring.db"), rows);

            var memory = MemorySampler.Start();
            var batches = new List<double>();
            var start = Stopwatch.GetTimestamp();
            var relayed = 0;
            while (true)
            {
                var t = Stopwatch.GetTimestamp();
                var claimed = await relay.RelayBatchAsync(CancellationToken.None);
                if (claimed == 0) break;
                batches.Add(Clock.Ms(t, Stopwatch.GetTimestamp()));
                relayed += claimed;
            }
            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var mem = memory.Stop();
            var unsent = await CountUnsentAsync(host);
            if (relayed != rows || unsent != 0)
                throw new BenchmarkFailure($"B3: relayed {relayed} of {rows} rows, {unsent} left unsent.");
            results.Add(new Row($"B3 outbox drain, BatchSize {size}", $"{rows:N0} rows", rows / seconds, "rows/s",
                Stats.Of(batches), mem, "OutboxRelay.RelayBatchAsync directly; latency = one batch (claim, publish+confirm, mark sent)") { Items = rows });
        }
        return [.. results];
    }

    private static async Task StageAsync(string dbFile, int rows)
    {
        var options = new DbContextOptionsBuilder<AuthoringDbContext>().UseSqlite($"Data Source={dbFile}").Options;
        await using var db = new AuthoringDbContext(options);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < rows; i++)
            db.AddOutboxMessage(Pipeline.Event($"b3-{Guid.NewGuid():N}", now), now);
        await db.SaveChangesAsync();
    }

    private static async Task<int> CountUnsentAsync(ServiceHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthoringDbContext>();
        return await db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null);
    }

    /// <summary>A durable queue on ContentPublished's exchange (declared as MassTransit declares it).</summary>
    private static async Task BindSinkAsync(Uri vhost)
    {
        var factory = new ConnectionFactory { Uri = vhost };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        const string exchange = "Publishing.Contracts:ContentPublished";
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        await channel.QueueDeclareAsync("bench-b3-sink", durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync("bench-b3-sink", exchange, "");
    }
}
