using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Notifications.Data;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Notifications.Subscriptions;

/// <summary>Deletes a subscription with its deliveries and their log; nothing more is sent to it.</summary>
public static class DeleteSubscription
{
    public static async Task<Results<NoContent, ProblemHttpResult>> Handle(Guid id, NotificationsDbContext db, CancellationToken ct)
    {
        // Attempts in flight find their row gone and are not recorded.
        var deleted = await db.Subscriptions.Where(s => s.Id == id).ExecuteDeleteAsync(ct);
        if (deleted == 0) return Problems.NotFound($"No subscription has the id '{id}'.");
        return TypedResults.NoContent();
    }
}
