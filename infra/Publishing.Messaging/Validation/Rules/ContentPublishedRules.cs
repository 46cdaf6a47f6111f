using Publishing.Contracts;

namespace Publishing.Messaging.Validation.Rules;

public sealed class ContentPublishedRules : IEventRules<ContentPublished>
{
    public void Check(ContentPublished m, EventProblems p)
    {
        p.Content(m);
        p.Required("contentType", m.ContentType, EventLimits.ContentType);
        p.Required("title", m.Title, EventLimits.Title);
        p.JsonObject("fields", m.Fields);
        p.Items("tags", m.Tags, EventLimits.Tags, (member, tag) => p.Required(member, tag, EventLimits.Tag));
        p.ChangeClass("changeClass", m.ChangeClass);
        p.Required("changeSummary", m.ChangeSummary, EventLimits.Text);
        p.Required("reason", m.Reason, EventLimits.SubmissionReason);
        p.Required("authorId", m.AuthorId, EventLimits.PersonId);
        p.Required("authorName", m.AuthorName, EventLimits.PersonName);
        p.Items("approvals", m.Approvals, EventLimits.Approvals, p.Approval, min: 1);
        p.Time("firstPublished", m.FirstPublished);
        p.Time("lastModified", m.LastModified);
        p.Required("contentHash", m.ContentHash, EventLimits.ContentHash);
    }
}
