namespace Publishing.Messaging;

/// <summary>Completes once a context's database is migrated; background work waits for it.</summary>
public sealed class DatabaseReady<TDbContext>
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _ready.Task.IsCompletedSuccessfully;
    public void Set() => _ready.TrySetResult();
    public Task WaitAsync(CancellationToken ct) => _ready.Task.WaitAsync(ct);
}
