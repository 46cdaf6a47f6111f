using Microsoft.EntityFrameworkCore;

namespace Publishing.Messaging.Inbox;

/// <summary>
/// Decides whether a message is a first receipt or a redelivery by inserting its inbox row with a
/// statement that skips an existing key instead of failing on it. A redelivery is expected traffic:
/// answered by a failed insert, EF Core would log it as a database error with a stack trace.
/// </summary>
internal static class InboxRecord
{
    /// <returns>true when the row was inserted (first receipt), false when it was already there.</returns>
    public static async Task<bool> TryInsertAsync(
        DbContext db, Guid messageId, string consumer, DateTimeOffset receivedAt, CancellationToken ct)
    {
        // The stored form of ReceivedAt is the model's (SQLite keeps a sortable number), so the
        // retention sweep's comparison reads what this statement wrote.
        var at = db.Model.FindEntityType(typeof(InboxMessage))!.FindProperty(nameof(InboxMessage.ReceivedAt))!
            .GetTypeMapping().Converter?.ConvertToProvider(receivedAt) ?? receivedAt;

        if (db.Database.IsSqlServer())
        {
            // UPDLOCK, HOLDLOCK holds the key range until commit, so a concurrent copy waits and then skips.
            return await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO InboxMessages (MessageId, Consumer, ReceivedAt)
                SELECT {messageId}, {consumer}, {at}
                WHERE NOT EXISTS (SELECT 1 FROM InboxMessages WITH (UPDLOCK, HOLDLOCK)
                                  WHERE MessageId = {messageId} AND Consumer = {consumer});
                """, ct) > 0;
        }

        // Only a conflict on the key is skipped; any other constraint still fails loudly.
        return await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO InboxMessages (MessageId, Consumer, ReceivedAt) VALUES ({messageId}, {consumer}, {at})
            ON CONFLICT (MessageId, Consumer) DO NOTHING;
            """, ct) > 0;
    }
}
