using Publishing.Contracts;

namespace Publishing.Messaging.Validation.Rules;

public sealed class ReviewDueRules : IEventRules<ReviewDue>
{
    public void Check(ReviewDue m, EventProblems p)
    {
        p.Id("contentId", m.ContentId);
        p.Slug("slug", m.Slug);
        p.Revision("revision", m.Revision);
        p.Time("lastReviewed", m.LastReviewed);
        p.Time("nextReviewDue", m.NextReviewDue);
        p.Time("occurredAt", m.OccurredAt);
    }
}
