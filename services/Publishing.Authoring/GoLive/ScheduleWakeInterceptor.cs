using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Publishing.Authoring.Data;

namespace Publishing.Authoring.GoLive;

/// <summary>
/// Wakes <see cref="ScheduledPublisher"/> once a commit that set or moved a go-live time is visible,
/// so it arms its timer for the new time at once; a wake-up before the commit would find nothing.
/// </summary>
public sealed class ScheduleWakeInterceptor(ScheduleSignal signal) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly ConditionalWeakTable<DbContext, object> Pending = new();

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Track(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Track(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { Database.CurrentTransaction: null } context) Wake(context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { Database.CurrentTransaction: null } context) Wake(context);
        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context) Wake(context);
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context) Pending.Remove(context);
    }

    private static void Track(DbContext? context)
    {
        if (context is null) return;
        if (context.ChangeTracker.Entries<ContentItem>()
            .Any(e => e.State == EntityState.Modified && e.Entity.PublishAt is not null && e.Property(c => c.PublishAt).IsModified))
            Pending.AddOrUpdate(context, true);
    }

    private void Wake(DbContext context)
    {
        if (Pending.TryGetValue(context, out _))
        {
            Pending.Remove(context);
            signal.Notify();
        }
    }
}
