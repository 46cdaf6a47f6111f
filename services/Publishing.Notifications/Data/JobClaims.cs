using Microsoft.EntityFrameworkCore;

namespace Publishing.Notifications.Data;

/// <summary>
/// Marks a batch of due pending rows as one worker's in one statement, moving their due time to the
/// end of the lease, so two instances never take the same row and a crashed attempt comes back.
/// </summary>
internal static class JobClaims
{
    /// <summary>How many of the oldest due rows one claim looks at; keeps a claim cheap with a long backlog.</summary>
    public const int ClaimWindow = 512;

    /// <summary>
    /// Claims due deliveries, oldest first, at most <paramref name="perEndpoint"/> per endpoint less what
    /// this worker already holds there (<paramref name="held"/>: a JSON object of endpoint to count), so
    /// rows of a busy endpoint stay unclaimed for other endpoints and other instances. Only the oldest
    /// <see cref="ClaimWindow"/> due rows of endpoints with room are considered: ranking every due row
    /// per endpoint made each claim cost as much as the whole backlog.
    /// </summary>
    public static Task<int> ClaimDeliveriesAsync(
        NotificationsDbContext db, string token, long nowMs, long untilMs, int batchSize, int perEndpoint, string held,
        CancellationToken ct)
    {
        var pending = DeliveryStates.Pending;
        var window = ClaimWindow;
        if (db.Database.IsSqlServer())
        {
            // READPAST skips rows another instance holds; UPDLOCK keeps ours until the update commits.
            return db.Database.ExecuteSqlInterpolatedAsync($"""
                WITH candidates AS (
                    SELECT TOP ({window}) Id, NextAttemptAt, Endpoint
                    FROM Deliveries WITH (UPDLOCK, READPAST, ROWLOCK)
                    WHERE State = {pending} AND NextAttemptAt <= {nowMs}
                        AND Endpoint NOT IN (SELECT j.[key] FROM OPENJSON({held}) j WHERE TRY_CAST(j.[value] AS int) >= {perEndpoint})
                    ORDER BY NextAttemptAt, Id),
                due AS (
                    SELECT Id, NextAttemptAt, Endpoint,
                        ROW_NUMBER() OVER (PARTITION BY Endpoint ORDER BY NextAttemptAt, Id) AS Position
                    FROM candidates)
                UPDATE Deliveries SET LockToken = {token}, NextAttemptAt = {untilMs}
                WHERE Id IN (
                    SELECT TOP ({batchSize}) Id FROM due
                    WHERE Position <= {perEndpoint} - COALESCE(
                        (SELECT TRY_CAST(j.[value] AS int) FROM OPENJSON({held}) j WHERE j.[key] = due.Endpoint), 0)
                    ORDER BY NextAttemptAt, Id);
                """, ct);
        }

        // SQLite has a single writer, so this one statement is already atomic.
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE Deliveries SET LockToken = {token}, NextAttemptAt = {untilMs}
            WHERE Id IN (
                SELECT Id FROM (
                    SELECT Id, NextAttemptAt, Endpoint,
                        ROW_NUMBER() OVER (PARTITION BY Endpoint ORDER BY NextAttemptAt, Id) AS Position
                    FROM (
                        SELECT Id, NextAttemptAt, Endpoint FROM Deliveries
                        WHERE State = {pending} AND NextAttemptAt <= {nowMs}
                            AND Endpoint NOT IN (SELECT j.key FROM json_each({held}) AS j WHERE j.value >= {perEndpoint})
                        ORDER BY NextAttemptAt, Id LIMIT {window})) AS due
                WHERE Position <= {perEndpoint} - COALESCE(
                    (SELECT j.value FROM json_each({held}) AS j WHERE j.key = due.Endpoint), 0)
                ORDER BY NextAttemptAt, Id LIMIT {batchSize});
            """, ct);
    }

    public static Task<int> ClaimEmailsAsync(
        NotificationsDbContext db, string token, long nowMs, long untilMs, int batchSize, CancellationToken ct)
    {
        var pending = EmailStates.Pending;
        if (db.Database.IsSqlServer())
        {
            return db.Database.ExecuteSqlInterpolatedAsync($"""
                WITH batch AS (
                    SELECT TOP ({batchSize}) * FROM OutgoingEmails WITH (UPDLOCK, READPAST, ROWLOCK)
                    WHERE State = {pending} AND NextAttemptAt <= {nowMs}
                    ORDER BY NextAttemptAt, Id)
                UPDATE batch SET LockToken = {token}, NextAttemptAt = {untilMs};
                """, ct);
        }

        return db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE OutgoingEmails SET LockToken = {token}, NextAttemptAt = {untilMs}
            WHERE Id IN (
                SELECT Id FROM OutgoingEmails
                WHERE State = {pending} AND NextAttemptAt <= {nowMs}
                ORDER BY NextAttemptAt, Id LIMIT {batchSize});
            """, ct);
    }
}
