using Publishing.Contracts;

namespace Publishing.Messaging.Validation.Rules;

/// <summary>A release and, whole, every member event it carries (each by its own rules).</summary>
public sealed class ReleasePublishedRules : IEventRules<ReleasePublished>
{
    private static readonly ContentPublishedRules PublishedRules = new();
    private static readonly ContentWithdrawnRules WithdrawnRules = new();

    public void Check(ReleasePublished m, EventProblems p)
    {
        p.Id("releaseId", m.ReleaseId);
        p.Required("name", m.Name, EventLimits.ReleaseName);
        p.Time("occurredAt", m.OccurredAt);
        p.Items("published", m.Published, EventLimits.ReleaseMembers, (member, e) => Nested(p, member, e, PublishedRules.Check));
        p.Items("withdrawn", m.Withdrawn, EventLimits.ReleaseMembers, (member, e) => Nested(p, member, e, WithdrawnRules.Check));
        if (m.Published is not null && m.Withdrawn is not null && m.Published.Count + m.Withdrawn.Count == 0)
            p.Add("published", "and withdrawn are both empty: a release has at least one member");
    }

    private static void Nested<T>(EventProblems p, string member, T value, Action<T, EventProblems> check)
    {
        var inner = new EventProblems();
        check(value, inner);
        foreach (var found in inner.Found)
        {
            var space = found.IndexOf(' ');
            p.Add($"{member}.{found[..space]}", found[(space + 1)..]);
        }
    }
}
