namespace Publishing.SearchIndexing.Indexing;

/// <summary>
/// One writer at a time: the incremental indexer holds it per batch, a rebuild holds it while it
/// builds and swaps, so queued changes wait and are applied to the new index afterwards.
/// </summary>
public sealed class IndexWriterGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        return new Releaser(_gate);
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        private int _released;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }
}
