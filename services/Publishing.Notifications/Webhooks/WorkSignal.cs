namespace Publishing.Notifications.Webhooks;

/// <summary>Wakes a worker when new work is committed, or after a timeout on the injected clock.</summary>
public class WorkSignal
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _pulse = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Notify()
    {
        lock (_gate) _pulse.TrySetResult();
    }

    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken ct)
    {
        Task pulse;
        lock (_gate)
        {
            if (_pulse.Task.IsCompleted)
            {
                _pulse = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return;
            }
            pulse = _pulse.Task;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(timeout, clock, stop.Token);
        await Task.WhenAny(pulse, delay);
        await stop.CancelAsync();
        lock (_gate)
        {
            if (_pulse.Task.IsCompleted)
                _pulse = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        ct.ThrowIfCancellationRequested();
    }
}

/// <summary>New or re-queued deliveries.</summary>
public sealed class DeliverySignal : WorkSignal;
