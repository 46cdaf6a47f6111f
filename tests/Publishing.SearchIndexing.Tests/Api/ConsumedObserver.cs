using MassTransit;

namespace Publishing.SearchIndexing.Tests.Api;

/// <summary>Counts finished consumes per message id, so a test can wait for a redelivery too.</summary>
public sealed class ConsumedObserver : IConsumeObserver
{
    private readonly Dictionary<Guid, int> _counts = [];
    private readonly object _lock = new();

    public int Count(Guid messageId)
    {
        lock (_lock) return _counts.GetValueOrDefault(messageId);
    }

    public async Task WaitFor(Guid messageId, int times)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Count(messageId) < times)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Message {messageId} was not consumed {times} time(s).");
            await Task.Delay(10);
        }
    }

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.MessageId is { } id)
            lock (_lock) _counts[id] = _counts.GetValueOrDefault(id) + 1;
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;
}
