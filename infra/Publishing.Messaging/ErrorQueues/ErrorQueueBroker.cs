using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Publishing.Messaging.ErrorQueues;

/// <summary>The broker could not be reached or refused an error-queue operation.</summary>
public sealed class ErrorQueueUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads and moves messages in this host's error queues over AMQP, with the host's own broker address and
/// credentials (<c>ConnectionStrings:RabbitMq</c>): no management plugin, nothing taken from a request.
/// A re-drive publishes each message back to the queue it failed on (through the default exchange, so
/// no other queue gets a copy) and removes it from the error queue only once the broker confirmed the copy:
/// a crash in between leaves it in both, which the consumer's inbox makes harmless.
/// </summary>
public sealed class ErrorQueueBroker(Uri broker) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;

    /// <summary>Messages waiting in each queue; 0 for one the broker has not created yet (nothing ever failed there).</summary>
    public async Task<IReadOnlyDictionary<string, long>> DepthsAsync(IEnumerable<string> queues, CancellationToken ct)
    {
        var depths = new Dictionary<string, long>(StringComparer.Ordinal);
        await UseAsync(async connection =>
        {
            IChannel? channel = null;
            try
            {
                foreach (var queue in queues)
                {
                    channel ??= await connection.CreateChannelAsync(cancellationToken: ct);
                    try
                    {
                        depths[queue] = (await channel.QueueDeclarePassiveAsync(queue, ct)).MessageCount;
                    }
                    catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == Constants.NotFound)
                    {
                        depths[queue] = 0;
                        await channel.DisposeAsync(); // the broker closes a channel that asked for a missing queue
                        channel = null;
                    }
                }
            }
            finally
            {
                if (channel is not null) await channel.DisposeAsync();
            }
        }, ct);
        return depths;
    }

    /// <summary>Up to <paramref name="limit"/> messages from the head of the queue, left where they are.</summary>
    public async Task<IReadOnlyList<ParkedMessage>> PeekAsync(string queue, int limit, CancellationToken ct)
    {
        var messages = new List<ParkedMessage>();
        await UseAsync(async connection =>
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
            ulong last = 0;
            try
            {
                while (messages.Count < limit && await GetAsync(channel, queue, ct) is { } got)
                {
                    messages.Add(ParkedMessage.From(got.BasicProperties, got.Body));
                    last = got.DeliveryTag;
                }
            }
            finally
            {
                // Back to the queue, in their places; closing the channel would do the same.
                if (last > 0 && channel.IsOpen) await channel.BasicNackAsync(last, multiple: true, requeue: true, CancellationToken.None);
            }
        }, ct);
        return messages;
    }

    /// <summary>Moves up to <paramref name="limit"/> messages from the head of the error queue back to the queue they failed on.</summary>
    /// <returns>How many were moved.</returns>
    public async Task<int> RedriveAsync(string errorQueue, int limit, CancellationToken ct)
    {
        var target = ServiceQueues.OriginalOf(errorQueue);
        var moved = 0;
        await UseAsync(async connection =>
        {
            await using var channel = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
            // Only what is there now: a message that fails again on the way back is not moved twice.
            var present = await DepthOrZeroAsync(channel, errorQueue, ct);
            while (moved < Math.Min(limit, present) && await GetAsync(channel, errorQueue, ct) is { } got)
            {
                var properties = new BasicProperties(got.BasicProperties)
                {
                    Headers = got.BasicProperties.Headers?
                        .Where(h => !ParkedMessage.IsFaultHeader(h.Key))
                        .ToDictionary(h => h.Key, h => h.Value),
                };
                try
                {
                    await channel.BasicPublishAsync("", target, mandatory: true, properties, got.Body, ct);
                }
                catch (Exception e) when (e is PublishException or OperationInterruptedException)
                {
                    if (channel.IsOpen) await channel.BasicNackAsync(got.DeliveryTag, multiple: false, requeue: true, CancellationToken.None);
                    throw new ErrorQueueUnavailableException(
                        $"The broker did not take the message back into '{target}' ({e.Message}); it stays in '{errorQueue}'.", e);
                }
                await channel.BasicAckAsync(got.DeliveryTag, multiple: false, ct);
                moved++;
            }
        }, ct);
        return moved;
    }

    /// <returns>How many messages were deleted.</returns>
    public async Task<long> PurgeAsync(string queue, CancellationToken ct)
    {
        long purged = 0;
        await UseAsync(async connection =>
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
            if (await DepthOrZeroAsync(channel, queue, ct) > 0) purged = await channel.QueuePurgeAsync(queue, ct);
        }, ct);
        return purged;
    }

    private static async Task<BasicGetResult?> GetAsync(IChannel channel, string queue, CancellationToken ct)
    {
        try
        {
            return await channel.BasicGetAsync(queue, autoAck: false, ct);
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == Constants.NotFound)
        {
            return null;
        }
    }

    private static async Task<long> DepthOrZeroAsync(IChannel channel, string queue, CancellationToken ct)
    {
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, ct)).MessageCount;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == Constants.NotFound)
        {
            return 0;
        }
    }

    private async Task UseAsync(Func<IConnection, Task> work, CancellationToken ct)
    {
        IConnection connection;
        try
        {
            connection = await ConnectionAsync(ct);
        }
        catch (Exception e) when (e is BrokerUnreachableException or OperationInterruptedException or IOException or TimeoutException)
        {
            throw new ErrorQueueUnavailableException($"The broker cannot be reached: {e.Message}", e);
        }
        try
        {
            await work(connection);
        }
        catch (Exception e) when (e is AlreadyClosedException or OperationInterruptedException or IOException or TimeoutException)
        {
            throw new ErrorQueueUnavailableException($"The broker refused or dropped the operation: {e.Message}", e);
        }
    }

    private async Task<IConnection> ConnectionAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_connection is { IsOpen: true }) return _connection;
            if (_connection is not null) await _connection.DisposeAsync();
            _connection = null;
            var factory = new ConnectionFactory
            {
                Uri = broker,
                ClientProvidedName = "publishing-error-queues",
                AutomaticRecoveryEnabled = false, // a closed connection is replaced on the next call
                RequestedConnectionTimeout = TimeSpan.FromSeconds(10),
            };
            _connection = await factory.CreateConnectionAsync(ct);
            return _connection;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
        _gate.Dispose();
    }
}
