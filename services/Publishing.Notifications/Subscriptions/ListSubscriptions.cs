using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Notifications.Data;

namespace Publishing.Notifications.Subscriptions;

public static class ListSubscriptions
{
    public static async Task<Ok<List<SubscriptionView>>> Handle(NotificationsDbContext db, CancellationToken ct)
    {
        var rows = await db.Subscriptions.AsNoTracking().OrderBy(s => s.Name).ThenBy(s => s.Id).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(SubscriptionView.From).ToList());
    }
}
