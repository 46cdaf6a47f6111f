using System.Collections.Concurrent;

namespace Publishing.Messaging.ErrorQueues;

/// <summary>
/// This host's receive queues, recorded as MassTransit configures its endpoints, and their error queues
/// (MassTransit's <c>&lt;queue&gt;_error</c>): the only queues the error-queue API and monitor touch.
/// </summary>
public sealed class ServiceQueues
{
    public const string ErrorSuffix = "_error";

    private readonly ConcurrentDictionary<string, byte> _queues = new(StringComparer.Ordinal);

    internal void Add(string queue) => _queues.TryAdd(queue, 0);

    public IReadOnlyList<string> ErrorQueues => [.. _queues.Keys.Order(StringComparer.Ordinal).Select(q => q + ErrorSuffix)];

    public bool IsErrorQueue(string name) =>
        name.EndsWith(ErrorSuffix, StringComparison.Ordinal) && _queues.ContainsKey(OriginalOf(name));

    /// <summary>The queue a message in <paramref name="errorQueue"/> failed on, where a re-drive puts it back.</summary>
    public static string OriginalOf(string errorQueue) => errorQueue[..^ErrorSuffix.Length];
}
