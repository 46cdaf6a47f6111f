using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Publishing.Notifications.Data;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Notifications.Subscriptions;

public static class GetSubscription
{
    public static async Task<Results<Ok<SubscriptionView>, ProblemHttpResult>> Handle(Guid id, NotificationsDbContext db, CancellationToken ct)
    {
        var s = await db.Subscriptions.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return Problems.NotFound($"No subscription has the id '{id}'.");
        return TypedResults.Ok(SubscriptionView.From(s));
    }
}
