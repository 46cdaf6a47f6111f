using Publishing.Contracts;

namespace Publishing.Messaging.Validation.Rules;

public sealed class ContentWithdrawnRules : IEventRules<ContentWithdrawn>
{
    public void Check(ContentWithdrawn m, EventProblems p)
    {
        p.Content(m);
        p.Required("contentType", m.ContentType, EventLimits.ContentType);
        p.Required("title", m.Title, EventLimits.Title);
        p.Required("reason", m.Reason, EventLimits.Text);
        p.Required("withdrawnById", m.WithdrawnById, EventLimits.PersonId);
        p.Required("withdrawnByName", m.WithdrawnByName, EventLimits.PersonName);
    }
}
