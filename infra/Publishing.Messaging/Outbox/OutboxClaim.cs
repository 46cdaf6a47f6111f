using Microsoft.EntityFrameworkCore;

namespace Publishing.Messaging.Outbox;

/// <summary>
/// Marks a batch of unsent rows as ours in one statement, so two dispatchers (two instances of a
/// service) never publish the same row at the same time, for a short lease that the claiming
/// dispatcher renews while it still publishes (<see cref="Workers.LeaseHeartbeat"/>).
/// </summary>
internal static class OutboxClaim
{
    public static Task<int> ClaimAsync(
        DbContext db, string token, long nowMs, long untilMs, int batchSize, CancellationToken ct)
    {
        if (db.Database.IsSqlServer())
        {
            // READPAST skips rows another instance holds; UPDLOCK keeps ours until the update commits.
            return db.Database.ExecuteSqlInterpolatedAsync($"""
                WITH batch AS (
                    SELECT TOP ({batchSize}) * FROM OutboxMessages WITH (UPDLOCK, READPAST, ROWLOCK)
                    WHERE SentAt IS NULL AND LockedUntil < {nowMs}
                    ORDER BY Sequence)
                UPDATE batch SET LockToken = {token}, LockedUntil = {untilMs}, Attempts = Attempts + 1;
                """, ct);
        }

        // SQLite has a single writer, so this one statement is already atomic.
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE OutboxMessages SET LockToken = {token}, LockedUntil = {untilMs}, Attempts = Attempts + 1
            WHERE Sequence IN (
                SELECT Sequence FROM OutboxMessages
                WHERE SentAt IS NULL AND LockedUntil < {nowMs}
                ORDER BY Sequence LIMIT {batchSize});
            """, ct);
    }

    /// <summary>Extends the claim <paramref name="token"/> still holds; rows sent or taken over since are left alone.</summary>
    public static Task<int> RenewAsync(DbContext db, string token, long untilMs, CancellationToken ct) =>
        db.Set<OutboxMessage>().Where(m => m.LockToken == token && m.SentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, untilMs), ct);
}
