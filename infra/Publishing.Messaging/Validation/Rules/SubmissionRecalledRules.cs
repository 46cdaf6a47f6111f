using Publishing.Contracts;

namespace Publishing.Messaging.Validation.Rules;

public sealed class SubmissionRecalledRules : IEventRules<SubmissionRecalled>
{
    public void Check(SubmissionRecalled m, EventProblems p)
    {
        p.Content(m);
        p.Id("reviewId", m.ReviewId);
        p.Required("editorId", m.EditorId, EventLimits.PersonId);
        p.Required("editorName", m.EditorName, EventLimits.PersonName);
    }
}
