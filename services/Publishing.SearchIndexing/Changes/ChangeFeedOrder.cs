using Microsoft.EntityFrameworkCore;
using Publishing.SearchIndexing.Data;

namespace Publishing.SearchIndexing.Changes;

/// <summary>
/// Keeps the change feed's cursor order the order its entries were committed, so a reader reading on
/// from its last cursor never skips an entry committed later with a lower cursor, and the entries of
/// one transaction (a release's members) are consecutive. SQLite has one writer at a time, which holds
/// the write lock from its first insert to its commit, so its cursors already follow commit order. On
/// SQL Server identity values are handed out at insert, not at commit, so every transaction that adds
/// entries first takes one exclusive application lock, held until it commits or rolls back.
/// </summary>
public static class ChangeFeedOrder
{
    /// <summary>Call inside the transaction, before adding any <see cref="ChangeEntry"/>.</summary>
    public static async Task LockAsync(SearchDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlServer()) return;
        await db.Database.ExecuteSqlRawAsync(
            "DECLARE @r int; EXEC @r = sp_getapplock @Resource = N'ChangeFeed', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = 30000; " +
            "IF @r < 0 THROW 51000, N'The change feed lock was not granted.', 1;", ct);
    }
}
