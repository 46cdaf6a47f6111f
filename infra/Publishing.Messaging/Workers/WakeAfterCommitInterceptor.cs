using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Publishing.Messaging.Workers;

/// <summary>
/// Wakes a worker once a save it waits for is visible to other connections: right after the save
/// when no transaction is open, else after the commit of the transaction the save was part of, and
/// never after a rollback. A worker woken before the commit would look, find nothing, and sleep on.
/// </summary>
public abstract class WakeAfterCommitInterceptor : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    // Per context: a save inside the open transaction wrote something the worker waits for.
    private readonly ConditionalWeakTable<DbContext, object> _pending = new();

    /// <summary>Whether the changes about to be saved are what the worker waits for.</summary>
    protected abstract bool Matters(DbContext context);

    protected abstract void Wake();

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
        if (eventData.Context is { Database.CurrentTransaction: null } context) WakeIfPending(context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { Database.CurrentTransaction: null } context) WakeIfPending(context);
        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context) WakeIfPending(context);
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context) _pending.Remove(context);
    }

    private void Track(DbContext? context)
    {
        if (context is not null && Matters(context)) _pending.AddOrUpdate(context, true);
    }

    private void WakeIfPending(DbContext context)
    {
        if (!_pending.TryGetValue(context, out _)) return;
        _pending.Remove(context);
        Wake();
    }
}
