using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Data;
using Publishing.Messaging.Workers;

namespace Publishing.Authoring.GoLive;

/// <summary>
/// Wakes <see cref="ScheduledPublisher"/> once a commit that set or moved a go-live time is visible,
/// so it arms its timer for the new time at once.
/// </summary>
public sealed class ScheduleWakeInterceptor(ScheduleSignal signal) : WakeAfterCommitInterceptor
{
    protected override bool Matters(DbContext context) =>
        context.ChangeTracker.Entries<ContentItem>()
            .Any(e => e.State == EntityState.Modified && e.Entity.PublishAt is not null && e.Property(c => c.PublishAt).IsModified);

    protected override void Wake() => signal.Notify();
}
