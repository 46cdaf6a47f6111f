namespace Publishing.Messaging;

/// <summary>Wakes a background loop the moment there is new work, instead of waiting for its next poll.</summary>
public class WakeSignal
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
