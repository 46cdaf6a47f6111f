using Microsoft.EntityFrameworkCore;

namespace Publishing.Notifications.Data;

/// <summary>
/// Marks a batch of due pending rows as one worker's in one statement, moving their due time to the
/// end of the lease, so two instances never take the same row and a crashed attempt comes back.
/// </summary>
internal static class JobClaims
{
    /// <summary>
    /// Claims due deliveries, oldest first, at most <paramref name="perEndpoint"/> per endpoint less what
    /// this worker already has in flight there (<paramref name="inFlight"/>: a JSON object of endpoint to
    /// count), so rows of a busy endpoint stay unclaimed for other endpoints and other instances.
    /// </summary>
    public static Task<int> ClaimDeliveriesAsync(
        NotificationsDbContext db, string token, long nowMs, long untilMs, int batchSize, int perEndpoint, string inFlight,
        CancellationToken ct)
    {
        var pending = DeliveryStates.Pending;
        if (db.Database.IsSqlServer())
        {
            // READPAST skips rows another instance holds; UPDLOCK keeps ours until the update commits.
            return db.Database.ExecuteSqlInterpolatedAsync($"""
                WITH due AS (
                    SELECT Id, NextAttemptAt, Endpoint,
                        ROW_NUMBER() OVER (PARTITION BY Endpoint ORDER BY NextAttemptAt, Id) AS Position
                    FROM Deliveries WITH (UPDLOCK, READPAST, ROWLOCK)
                    WHERE State = {pending} AND NextAttemptAt <= {nowMs})
                UPDATE Deliveries SET LockToken = {token}, NextAttemptAt = {untilMs}
                WHERE Id IN (
                    SELECT TOP ({batchSize}) Id FROM due
                    WHERE Position <= {perEndpoint} - COALESCE(
                        (SELECT TRY_CAST(j.[value] AS int) FROM OPENJSON({inFlight}) j WHERE j.[key] = due.Endpoint), 0)
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
                    FROM Deliveries
                    WHERE State = {pending} AND NextAttemptAt <= {nowMs}) AS due
                WHERE Position <= {perEndpoint} - COALESCE(
                    (SELECT j.value FROM json_each({inFlight}) AS j WHERE j.key = due.Endpoint), 0)
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
