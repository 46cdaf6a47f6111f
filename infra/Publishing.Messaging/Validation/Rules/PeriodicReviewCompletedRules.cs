using Publishing.Contracts;

namespace Publishing.Messaging.Validation.Rules;

public sealed class PeriodicReviewCompletedRules : IEventRules<PeriodicReviewCompleted>
{
    public void Check(PeriodicReviewCompleted m, EventProblems p)
    {
        p.Id("reviewId", m.ReviewId);
        p.Id("contentId", m.ContentId);
        p.Slug("slug", m.Slug);
        p.Revision("revision", m.Revision);
        p.Approval("confirmation", m.Confirmation);
        p.Time("occurredAt", m.OccurredAt);
    }
}
