using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Publishing.Messaging.Outbox;
using Publishing.Testing;
using Xunit;

namespace Publishing.Messaging.Tests;

/// <summary>
/// A claim is short and renewed while its batch is published: a dead dispatcher's rows go out within
/// seconds, a live one never loses them however long the broker takes, and one that cannot renew
/// stops publishing before anyone else may start. The clock is fake, so no test waits on real time.
/// </summary>
public sealed class OutboxLeaseTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task The_rows_of_a_dispatcher_that_died_are_published_by_another_within_ten_seconds()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var producer = await Producer.CreateAsync(_data.Path, new OutboxOptions { BatchSize = 10 });
        await producer.AddNotesAsync(10);
        var publisher = new HoldingPublisher();
        using var kill = new CancellationTokenSource();
        var dying = producer.Relay(publisher, clock).RelayBatchAsync(kill.Token);
        await publisher.Holding(10);
        kill.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dying);

        var survivor = producer.Relay(publisher, clock);
        Assert.Equal(0, await survivor.RelayBatchAsync(CancellationToken.None)); // still claimed by the dead one
        clock.Advance(TimeSpan.FromSeconds(10));
        publisher.Release();
        Assert.Equal(10, await survivor.RelayBatchAsync(CancellationToken.None));
        Assert.All(await producer.RowsAsync(), r => Assert.NotNull(r.SentAt));
    }

    [Fact]
    public async Task A_live_dispatcher_keeps_its_claim_however_long_the_broker_takes_to_confirm()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new OutboxOptions { BatchSize = 10, PublishTimeout = TimeSpan.FromHours(1) };
        await using var producer = await Producer.CreateAsync(_data.Path, options);
        await producer.AddNotesAsync(10);
        var slow = new HoldingPublisher();
        var live = producer.Relay(slow, clock).RelayBatchAsync(CancellationToken.None);
        await slow.Holding(10);

        var other = new HoldingPublisher();
        other.Release();
        var second = producer.Relay(other, clock);
        // Three leases pass on the clock while the broker has not confirmed.
        for (var passed = TimeSpan.Zero; passed < 3 * options.LockDuration; passed += TimeSpan.FromSeconds(1))
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            // Each step waits until the claim reaches well past the next one, so the fake clock never
            // jumps ahead of a renewal still on its way to the database.
            await Eventually.Until(async () => (await producer.RowsAsync()).All(r =>
                    r.LockedUntil > (clock.GetUtcNow() + TimeSpan.FromSeconds(2)).ToUnixTimeMilliseconds()),
                what: "the live dispatcher to renew its claim");
            // The heartbeat sets its next timer just after its write lands: let it, before the clock moves on.
            await Task.Delay(100);
            Assert.Equal(0, await second.RelayBatchAsync(CancellationToken.None));
        }

        slow.Release();
        Assert.Equal(10, await live);
        Assert.Empty(other.Published);
        Assert.All(slow.Published.Values, n => Assert.Equal(1, n));
        Assert.All(await producer.RowsAsync(), r => Assert.NotNull(r.SentAt));
    }

    [Fact]
    public async Task A_dispatcher_that_cannot_renew_its_claim_stops_publishing_before_another_may_take_the_rows()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new OutboxOptions { BatchSize = 10, PublishTimeout = TimeSpan.FromHours(1) };
        var database = new SwitchableDatabase();
        await using var producer = await Producer.CreateAsync(_data.Path, options, database);
        await producer.AddNotesAsync(10);
        var stuck = new HoldingPublisher();
        var cutOff = producer.Relay(stuck, clock).RelayBatchAsync(CancellationToken.None);
        await stuck.Holding(10);

        database.Down = true;
        // Up to the last moment of the lease, with time for each renewal to be tried and fail.
        var leaseEnd = clock.GetUtcNow() + options.LockDuration;
        while (clock.GetUtcNow() < leaseEnd - TimeSpan.FromMilliseconds(500))
        {
            clock.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(50);
        }
        await Eventually.Until(() => Task.FromResult(stuck.InFlight == 0), what: "the cut-off dispatcher to abandon its publishes");
        Assert.Equal(10, await cutOff);
        Assert.Empty(stuck.Published);

        database.Down = false;
        clock.Advance(options.LockDuration);
        var next = new HoldingPublisher();
        next.Release();
        Assert.Equal(10, await producer.Relay(next, clock).RelayBatchAsync(CancellationToken.None));
        Assert.Equal(10, next.Published.Count);
    }

    public void Dispose() => _data.Dispose();

    /// <summary>Holds every publish until released, like a broker that does not confirm.</summary>
    private sealed class HoldingPublisher : IOutboxPublisher
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;

        public ConcurrentDictionary<Guid, int> Published { get; } = new();
        public int InFlight => Volatile.Read(ref _inFlight);

        public void Release() => _release.TrySetResult();

        public Task Holding(int count) => Eventually.Until(() => Task.FromResult(InFlight == count), what: $"{count} publishes in flight");

        public async Task PublishAsync(object message, Type messageType, Guid messageId, CancellationToken ct)
        {
            Interlocked.Increment(ref _inFlight);
            try
            {
                await _release.Task.WaitAsync(ct);
                Published.AddOrUpdate(messageId, 1, (_, n) => n + 1);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }

    /// <summary>A database that refuses every command while <see cref="Down"/>, as when it is unreachable.</summary>
    private sealed class SwitchableDatabase : DbCommandInterceptor
    {
        public volatile bool Down;

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken ct = default) =>
            Down ? throw new TimeoutException("The database is unreachable.") : ValueTask.FromResult(result);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken ct = default) =>
            Down ? throw new TimeoutException("The database is unreachable.") : ValueTask.FromResult(result);
    }
}
