using Microsoft.EntityFrameworkCore;
using Publishing.Messaging.Workers;

namespace Publishing.Messaging.Outbox;

/// <summary>
/// Signals the dispatcher after a commit that wrote outbox rows, so an event leaves in
/// milliseconds instead of waiting for the sweeper.
/// </summary>
public sealed class OutboxWakeInterceptor<TDbContext>(OutboxSignal<TDbContext> signal) : WakeAfterCommitInterceptor
    where TDbContext : DbContext
{
    protected override bool Matters(DbContext context) =>
        context.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added);

    protected override void Wake() => signal.Notify();
}
