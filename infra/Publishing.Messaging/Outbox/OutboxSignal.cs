namespace Publishing.Messaging.Outbox;

/// <summary>Wakes a context's dispatcher the moment new rows are committed.</summary>
public sealed class OutboxSignal<TDbContext>
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Notify()
    {
        try { _wake.Release(); }
        catch (SemaphoreFullException) { /* already awake: one pending wake-up is enough */ }
    }

    /// <returns>true when woken, false when the timeout passed.</returns>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _wake.WaitAsync(timeout, ct);
}
