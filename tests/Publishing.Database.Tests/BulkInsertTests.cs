using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Publishing.Messaging.Database;
using Publishing.Notifications.Data;
using Xunit;

namespace Publishing.Database.Tests;

/// <summary>
/// <see cref="BulkInsert.InsertManyAsync{T}"/> writes rows outside change tracking; what it writes must
/// read back through EF exactly as SaveChanges would have written it, and belong to the transaction.
/// </summary>
public sealed class BulkInsertTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"publishing-bulk-{Guid.NewGuid():N}.db");
    private readonly Guid _subscription = Guid.NewGuid();

    public async Task InitializeAsync()
    {
        await using var db = Open();
        await db.Database.MigrateAsync();
        db.Subscriptions.Add(new Subscription
        {
            Id = _subscription, Name = "site", Url = "https://example.org/hook", Events = "[]", Secret = "whsec_x",
            OwnerId = "admin-1", OwnerName = "Admin", CreatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Rows_read_back_exactly_as_written_and_sort_by_their_dates()
    {
        var at = new DateTimeOffset(2026, 11, 27, 10, 15, 30, 123, TimeSpan.Zero);
        var rows = Enumerable.Range(0, 3).Select(i => Row(i, at.AddMinutes(-i), i == 1 ? "timeout" : null)).ToList();

        await using (var db = Open())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.InsertManyAsync(rows, CancellationToken.None);
            await transaction.CommitAsync();
        }

        await using var read = Open();
        var stored = await read.Deliveries.AsNoTracking().OrderBy(d => d.CreatedAt).ToListAsync();
        Assert.Equal(["msg_2", "msg_1", "msg_0"], stored.Select(d => d.WebhookId));
        foreach (var expected in rows)
        {
            var actual = Assert.Single(stored, d => d.WebhookId == expected.WebhookId);
            Assert.True(actual.Id > 0);
            Assert.Equal(expected.SubscriptionId, actual.SubscriptionId);
            Assert.Equal(expected.CreatedAt, actual.CreatedAt);
            Assert.Equal(expected.LastError, actual.LastError);
            Assert.Equal(expected.Payload, actual.Payload);
            Assert.Equal((expected.State, expected.NextAttemptAt, expected.Revision, expected.Endpoint),
                (actual.State, actual.NextAttemptAt, actual.Revision, actual.Endpoint));
            Assert.Null(actual.DeliveredAt);
        }
    }

    [Fact]
    public async Task Rows_go_with_a_rolled_back_transaction()
    {
        await using (var db = Open())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.InsertManyAsync([Row(0, DateTimeOffset.UtcNow, null)], CancellationToken.None);
            await transaction.RollbackAsync();
        }

        await using var read = Open();
        Assert.Equal(0, await read.Deliveries.CountAsync());
    }

    [Fact]
    public async Task Without_a_transaction_nothing_is_written()
    {
        await using var db = Open();
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.InsertManyAsync([Row(0, DateTimeOffset.UtcNow, null)], CancellationToken.None));
        Assert.Equal(0, await db.Deliveries.CountAsync());
    }

    private Delivery Row(int i, DateTimeOffset createdAt, string? error) => new()
    {
        SubscriptionId = _subscription, WebhookId = $"msg_{i}", Endpoint = "https://example.org:443", EventType = "content.published",
        Slug = $"drug-{i}", Revision = i + 1, Payload = $$"""{"type":"content.published","n":{{i}},"text":"é ✓"}""",
        NextAttemptAt = 1_700_000_000_000 + i, CreatedAt = createdAt, LastError = error,
    };

    private NotificationsDbContext Open() => (NotificationsDbContext)ServiceDatabase.All["Publishing.Notifications"].Sqlite(_file);

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _file, _file + "-wal", _file + "-shm" })
            File.Delete(file);
        return Task.CompletedTask;
    }
}
