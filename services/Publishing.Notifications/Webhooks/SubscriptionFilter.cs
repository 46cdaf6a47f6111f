using Publishing.Notifications.Data;

namespace Publishing.Notifications.Webhooks;

/// <summary>Whether an event is for a subscription: its type subscribed, and every non-empty filter met.</summary>
public static class SubscriptionFilter
{
    public static bool Matches(Subscription s, string eventType, string contentType, string slug, IReadOnlyCollection<string> tags)
    {
        if (!Subscription.Split(s.Events).Contains(eventType, StringComparer.Ordinal)) return false;
        var types = Subscription.Split(s.FilterTypes);
        if (types.Length > 0 && !types.Contains(contentType, StringComparer.OrdinalIgnoreCase)) return false;
        var slugs = Subscription.Split(s.FilterSlugs);
        if (slugs.Length > 0 && !slugs.Contains(slug, StringComparer.Ordinal)) return false;
        var wanted = Subscription.Split(s.FilterTags);
        if (wanted.Length > 0 && !wanted.Any(t => tags.Contains(t, StringComparer.OrdinalIgnoreCase))) return false;
        return true;
    }
}
