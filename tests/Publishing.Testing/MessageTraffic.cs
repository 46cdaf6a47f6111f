using System.Collections.Concurrent;
using MassTransit;

namespace Publishing.Testing;

/// <summary>
/// What one host's bus published and what its consumers finished, per message id (and receive
/// endpoint). It is the barrier a test waits on before it counts effects: once every copy of a message
/// that was published has been consumed, no more of it can arrive, so a count taken then is final.
/// Connect it to a running bus with <see cref="Observe"/>; a consume that still fails after the
/// endpoint's retries is never counted, so waiting on it times out.
/// </summary>
public sealed class MessageTraffic : IConsumeObserver, IPublishObserver
{
    private readonly ConcurrentDictionary<Guid, int> _published = new();
    private readonly ConcurrentDictionary<(Guid MessageId, string Endpoint), int> _consumed = new();
    private TaskCompletionSource _changed = NewSignal();

    public static MessageTraffic Observe(IBus bus)
    {
        var traffic = new MessageTraffic();
        bus.ConnectConsumeObserver(traffic);
        bus.ConnectPublishObserver(traffic);
        return traffic;
    }

    /// <summary>How many times this bus published the message and the broker confirmed it.</summary>
    public int Published(Guid messageId) => _published.GetValueOrDefault(messageId);

    /// <summary>How many times a consumer finished the message, on one receive endpoint (its queue name) or on all.</summary>
    public int Consumed(Guid messageId, string? endpoint = null) => _consumed
        .Where(kv => kv.Key.MessageId == messageId && (endpoint is null || kv.Key.Endpoint == endpoint))
        .Sum(kv => kv.Value);

    public Task WaitUntilConsumedAsync(Guid messageId, int times, string? endpoint = null, TimeSpan? timeout = null) =>
        WaitUntilAsync(() => Consumed(messageId, endpoint) >= times, timeout,
            () => $"message {messageId} to be consumed {times} time(s){(endpoint is null ? "" : $" at {endpoint}")} (so far {Consumed(messageId, endpoint)})");

    /// <summary>
    /// Waits until every publish of each message so far has been consumed at least as often; call it
    /// once the publishing is over (the outbox row marked sent, the relay returned), or later publishes
    /// are not waited for.
    /// </summary>
    public Task WaitUntilAllConsumedAsync(IEnumerable<Guid> messageIds, TimeSpan? timeout = null)
    {
        var ids = messageIds.ToList();
        return WaitUntilAsync(() => ids.All(id => Published(id) > 0 && Consumed(id) >= Published(id)), timeout,
            () => "every publish to be consumed; behind: " + string.Join(", ", ids
                .Where(id => Published(id) == 0 || Consumed(id) < Published(id))
                .Select(id => $"{id} ({Consumed(id)} of {Published(id)})")));
    }

    private async Task WaitUntilAsync(Func<bool> done, TimeSpan? timeout, Func<string> what)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var changed = Volatile.Read(ref _changed).Task;
            if (done()) return;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"Timed out waiting for {what()}.");
            await Task.WhenAny(changed, Task.Delay(left));
        }
    }

    private void Changed() => Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.MessageId is { } id)
        {
            var endpoint = context.ReceiveContext.InputAddress.Segments[^1].Trim('/');
            _consumed.AddOrUpdate((id, endpoint), 1, (_, n) => n + 1);
            Changed();
        }
        return Task.CompletedTask;
    }

    public Task PostPublish<T>(PublishContext<T> context) where T : class
    {
        if (context.MessageId is { } id)
        {
            _published.AddOrUpdate(id, 1, (_, n) => n + 1);
            Changed();
        }
        return Task.CompletedTask;
    }

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;
    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;
    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
