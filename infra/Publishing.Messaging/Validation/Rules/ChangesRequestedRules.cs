using Publishing.Contracts;

namespace Publishing.Messaging.Validation.Rules;

public sealed class ChangesRequestedRules : IEventRules<ChangesRequested>
{
    public void Check(ChangesRequested m, EventProblems p)
    {
        p.Id("reviewId", m.ReviewId);
        p.Id("contentId", m.ContentId);
        p.Slug("slug", m.Slug);
        p.Revision("revision", m.Revision);
        p.Required("reviewerId", m.ReviewerId, EventLimits.PersonId);
        p.Required("reviewerName", m.ReviewerName, EventLimits.PersonName);
        p.Required("comment", m.Comment, EventLimits.Text);
        p.Time("occurredAt", m.OccurredAt);
    }
}
