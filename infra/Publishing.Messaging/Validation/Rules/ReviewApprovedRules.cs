using Publishing.Contracts;

namespace Publishing.Messaging.Validation.Rules;

public sealed class ReviewApprovedRules : IEventRules<ReviewApproved>
{
    public void Check(ReviewApproved m, EventProblems p)
    {
        p.Id("reviewId", m.ReviewId);
        p.Id("contentId", m.ContentId);
        p.Slug("slug", m.Slug);
        p.Revision("revision", m.Revision);
        p.ChangeClass("changeClass", m.ChangeClass);
        p.Items("approvals", m.Approvals, EventLimits.Approvals, p.Approval, min: 1);
        p.Time("occurredAt", m.OccurredAt);
    }
}
