using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Publishing.Messaging.Outbox;

/// <summary>
/// Relays a context's outbox: right after each commit (woken by <see cref="OutboxSignal{T}"/>) and,
/// as a sweeper, every <see cref="OutboxOptions.SweepInterval"/> for rows left unsent or stuck.
/// </summary>
public sealed class OutboxDispatcher<TDbContext>(
    OutboxRelay<TDbContext> relay,
    OutboxSignal<TDbContext> signal,
    IOutboxPublisher publisher,
    DatabaseReady<TDbContext> ready,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher<TDbContext>> log) : BackgroundService
    where TDbContext : DbContext
{
    private static readonly TimeSpan CleanupEvery = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ready.WaitAsync(stoppingToken);
        await publisher.WaitUntilReadyAsync(stoppingToken);
        var nextCleanup = DateTime.UtcNow;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await relay.RelayBatchAsync(stoppingToken) >= options.Value.BatchSize) { }
                if (DateTime.UtcNow >= nextCleanup)
                {
                    await relay.DeleteSentAsync(stoppingToken);
                    nextCleanup = DateTime.UtcNow + CleanupEvery;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Outbox relay for {Context} failed; the sweeper will try again", typeof(TDbContext).Name);
            }

            try { await signal.WaitAsync(options.Value.SweepInterval, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }
}
