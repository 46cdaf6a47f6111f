namespace Publishing.SearchIndexing.Indexing;

/// <summary>Wakes the indexer as soon as a consumer committed a change, instead of waiting for its poll.</summary>
public sealed class IndexSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Notify()
    {
        try { _wake.Release(); }
        catch (SemaphoreFullException) { /* one pending wake-up is enough */ }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _wake.WaitAsync(timeout, ct);
}
