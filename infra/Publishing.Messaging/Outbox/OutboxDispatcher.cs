using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Publishing.Messaging.Inbox;
using Publishing.Messaging.Workers;

namespace Publishing.Messaging.Outbox;

/// <summary>
/// Relays a context's outbox: right after each commit (woken by <see cref="OutboxSignal{T}"/>) and,
/// as a sweeper, every <see cref="OutboxOptions.SweepInterval"/> for rows left unsent or stuck; hourly it
/// deletes sent rows and inbox rows past their retention (<see cref="InboxRetention{TDbContext}"/>).
/// The claim itself is <see cref="OutboxClaim"/>; publishing a claimed batch is <see cref="OutboxRelay{T}"/>.
/// </summary>
public sealed class OutboxDispatcher<TDbContext>(
    OutboxRelay<TDbContext> relay,
    InboxRetention<TDbContext> inbox,
    OutboxSignal<TDbContext> signal,
    IOutboxPublisher publisher,
    DatabaseReady<TDbContext> ready,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher<TDbContext>> log) : BackgroundService
    where TDbContext : DbContext
{
    private static readonly TimeSpan CleanupEvery = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ready.WaitAsync(stoppingToken);
        await publisher.WaitUntilReadyAsync(stoppingToken);
        var nextCleanup = clock.GetUtcNow();
        var loop = new DrainLoop(clock)
        {
            Signal = signal,
            Interval = options.Value.SweepInterval,
            OnFailure = ex => log.LogError(ex, "Outbox relay for {Context} failed; the sweeper will try again", typeof(TDbContext).Name),
        };
        await loop.RunAsync(async ct =>
        {
            if (await relay.RelayBatchAsync(ct) >= options.Value.BatchSize) return true;
            if (clock.GetUtcNow() >= nextCleanup)
            {
                await relay.DeleteSentAsync(ct);
                await inbox.TrimAsync(ct);
                nextCleanup = clock.GetUtcNow() + CleanupEvery;
            }
            return false;
        }, stoppingToken);
    }
}
