using Publishing.Contracts;

namespace Publishing.Messaging.Validation.Rules;

public sealed class ContentReviewConfirmedRules : IEventRules<ContentReviewConfirmed>
{
    public void Check(ContentReviewConfirmed m, EventProblems p)
    {
        p.Content(m);
        p.Required("contentType", m.ContentType, EventLimits.ContentType);
        p.Required("title", m.Title, EventLimits.Title);
        p.Approval("confirmation", m.Confirmation);
        p.Time("lastReviewed", m.LastReviewed);
        p.Time("nextReviewDue", m.NextReviewDue);
    }
}
