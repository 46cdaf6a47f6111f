using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;

namespace Publishing.Benchmarks;

/// <summary>
/// Records, per message id, the Stopwatch timestamp at which one service finished consuming a
/// <typeparamref name="TMessage"/>. PostConsume runs after the consumer returned, so after its inbox
/// transaction committed.
/// </summary>
public sealed class CompletionObserver<TMessage>(string service) : IConsumeObserver
    where TMessage : class
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<long>> _done = new();

    public string Service { get; } = service;

    /// <summary>Completes with the Stopwatch timestamp at which the message was consumed.</summary>
    public Task<long> Completion(Guid messageId) => Slot(messageId).Task;

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        var now = Stopwatch.GetTimestamp();
        if (typeof(T) == typeof(TMessage) && context.MessageId is { } id)
            Slot(id).TrySetResult(now);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        // Retries may still succeed; only a fault that reached the observer after the last one matters,
        // and the 30 s deadline catches that. Keep the first error for the message printed on timeout.
        if (typeof(T) == typeof(TMessage) && context.MessageId is { } id)
            Faults.TryAdd(id, exception.Message);
        return Task.CompletedTask;
    }

    public ConcurrentDictionary<Guid, string> Faults { get; } = new();

    private TaskCompletionSource<long> Slot(Guid id) =>
        _done.GetOrAdd(id, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
}
