using MassTransit;
using Microsoft.Data.Sqlite;
using Publishing.Testing;
using Xunit;

namespace Publishing.Messaging.Tests;

/// <summary>
/// What becomes of a message whose consumer fails, over a real broker: a fault that passes is outlasted, whatever
/// its length; a message that can never succeed is parked in the error queue at once.
/// </summary>
[Collection(RabbitMqFixture.Collection)]
public sealed class ConsumerRetryTests(RabbitMqFixture rabbit) : IDisposable
{
    private const string Queue = "tests-apply-note";
    private readonly TempDirectory _data = new();

    // Short waits so the test is quick: a command gives up on a lock after 1 s, a retry waits at most 1 s.
    private Dictionary<string, string?> Settings() => new()
    {
        ["ConnectionStrings:Test"] = $"Data Source={Path.Combine(_data.Path, "test.db")};Default Timeout=1",
        ["Messaging:Retry:FirstInterval"] = "00:00:00.100",
        ["Messaging:Retry:MaxInterval"] = "00:00:01",
        ["Messaging:Retry:UnclassifiedRetries"] = "2",
    };

    [Fact]
    public async Task A_message_whose_database_stays_locked_longer_than_any_fixed_retry_window_is_applied_once_the_lock_goes()
    {
        var vhost = await rabbit.CreateVirtualHostAsync();
        await using var host = await MessagingHost.StartAsync(vhost, _data.Path, Settings());
        var id = Guid.NewGuid();

        await using (var locker = new SqliteConnection($"Data Source={Path.Combine(_data.Path, "test.db")}"))
        {
            await locker.OpenAsync();
            await using (var hold = locker.CreateCommand())
            {
                hold.CommandText = "BEGIN EXCLUSIVE;";
                await hold.ExecuteNonQueryAsync();
            }
            await host.Bus.Publish(new NoteAdded(id, "pazopanib: hepatotoxicity warning"));
            // Held through more failed attempts than the fixed schedule this replaced allowed (six, about 9 s).
            await Eventually.Until(() => Task.FromResult(ApplyNoteConsumer.Attempts.GetValueOrDefault(id) >= 10),
                TimeSpan.FromSeconds(90), "ten failed attempts while the database is locked");
            await using var release = locker.CreateCommand();
            release.CommandText = "ROLLBACK;";
            await release.ExecuteNonQueryAsync();
        }

        await Eventually.Until(async () => await host.EffectsFor(id) == 1, TimeSpan.FromSeconds(30), "the note to be applied after the lock");
        Assert.True(await rabbit.QueueDepthAsync(vhost, Queue + "_error") <= 0, "Nothing may be parked in the error queue.");
    }

    [Fact]
    public async Task A_message_retrying_when_the_service_stops_goes_back_to_its_queue_and_is_applied_after_the_restart()
    {
        var vhost = await rabbit.CreateVirtualHostAsync();
        var id = Guid.NewGuid();
        await using (var locker = new SqliteConnection($"Data Source={Path.Combine(_data.Path, "test.db")}"))
        {
            await using (var host = await MessagingHost.StartAsync(vhost, _data.Path, Settings()))
            {
                await locker.OpenAsync();
                await using var hold = locker.CreateCommand();
                hold.CommandText = "BEGIN EXCLUSIVE;";
                await hold.ExecuteNonQueryAsync();
                await host.PublishOnOwnFlowAsync(new NoteAdded(id, "trabectedin: new dose for liver impairment"));
                await Eventually.Until(() => Task.FromResult(ApplyNoteConsumer.Attempts.GetValueOrDefault(id) >= 2),
                    TimeSpan.FromSeconds(60), "failed attempts while the database is locked");
            }
            await using var release = locker.CreateCommand();
            release.CommandText = "ROLLBACK;";
            await release.ExecuteNonQueryAsync();
        }

        await using var restarted = await MessagingHost.StartAsync(vhost, _data.Path, Settings());
        await Eventually.Until(async () => await restarted.EffectsFor(id) == 1, TimeSpan.FromSeconds(30), "the note to be applied after the restart");
        Assert.True(await rabbit.QueueDepthAsync(vhost, Queue + "_error") <= 0, "Nothing may be parked in the error queue.");
        Assert.True(await rabbit.QueueDepthAsync(vhost, Queue + "_skipped") <= 0, "Nothing may be parked as consumed by no one.");
    }

    [Fact]
    public async Task A_message_that_can_never_succeed_is_in_the_error_queue_after_one_attempt()
    {
        var vhost = await rabbit.CreateVirtualHostAsync();
        await using var host = await MessagingHost.StartAsync(vhost, _data.Path, Settings());
        var id = Guid.NewGuid();

        await host.Bus.Publish(new NoteAdded(id, ""));
        await Eventually.Until(async () => await rabbit.QueueDepthAsync(vhost, Queue + "_error") == 1, TimeSpan.FromSeconds(60),
            "the refused note in the error queue");

        Assert.Equal(1, NoteAddedRules.Checks[id]);
        Assert.Equal(0, ApplyNoteConsumer.Attempts.GetValueOrDefault(id));
        Assert.Equal(0, await host.EffectsFor(id));
    }

    [Fact]
    public async Task A_message_failing_for_an_unknown_reason_is_retried_a_few_times_then_parked()
    {
        var vhost = await rabbit.CreateVirtualHostAsync();
        await using var host = await MessagingHost.StartAsync(vhost, _data.Path, Settings());
        var id = Guid.NewGuid();

        await host.Bus.Publish(new NoteAdded(id, ApplyNoteConsumer.Bug + " a null reference"));
        await Eventually.Until(async () => await rabbit.QueueDepthAsync(vhost, Queue + "_error") == 1, TimeSpan.FromSeconds(60),
            "the failing note in the error queue");

        Assert.Equal(3, ApplyNoteConsumer.Attempts[id]); // the first attempt and the two retries configured
        var parked = Assert.Single(await rabbit.PeekAsync(vhost, Queue + "_error"));
        Assert.Equal("System.InvalidOperationException",
            parked.GetProperty("properties").GetProperty("headers").GetProperty("MT-Fault-ExceptionType").GetString());
    }

    public void Dispose() => _data.Dispose();
}
