using Publishing.Notifications.Data;

namespace Publishing.Notifications.Subscriptions;

public sealed record SubscriptionFilterView(IReadOnlyList<string> Types, IReadOnlyList<string> Slugs, IReadOnlyList<string> Tags);

/// <summary>A subscription as admins see it; the secret is never part of it.</summary>
public sealed record SubscriptionView(
    Guid Id, string Name, string Url, IReadOnlyList<string> Events, SubscriptionFilterView Filter, string State,
    string OwnerId, string OwnerName, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt, string? DisabledReason,
    DateTimeOffset? FailingSince, DateTimeOffset? LastSuccessAt)
{
    public static SubscriptionView From(Subscription s) => new(
        s.Id, s.Name, s.Url, Subscription.Split(s.Events),
        new SubscriptionFilterView(Subscription.Split(s.FilterTypes), Subscription.Split(s.FilterSlugs), Subscription.Split(s.FilterTags)),
        s.State, s.OwnerId, s.OwnerName, s.CreatedAt, s.DisabledAt, s.DisabledReason, s.FailingSince, s.LastSuccessAt);
}
