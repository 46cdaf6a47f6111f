using Publishing.Contracts;

namespace Publishing.Messaging.Validation.Rules;

public sealed class ContentSubmittedForReviewRules : IEventRules<ContentSubmittedForReview>
{
    public void Check(ContentSubmittedForReview m, EventProblems p)
    {
        p.Content(m);
        p.Id("reviewId", m.ReviewId);
        p.Required("contentType", m.ContentType, EventLimits.ContentType);
        p.Required("title", m.Title, EventLimits.Title);
        p.ChangeClass("changeClass", m.ChangeClass);
        if (m.RequiredApprovals < 1) p.Add("requiredApprovals", $"is {m.RequiredApprovals}, fewer than 1");
        p.Required("reason", m.Reason, EventLimits.SubmissionReason);
        p.Required("changeSummary", m.ChangeSummary, EventLimits.Text);
        p.Required("authorId", m.AuthorId, EventLimits.PersonId);
        p.Required("authorName", m.AuthorName, EventLimits.PersonName);
        p.Items("changes", m.Changes, EventLimits.FieldChanges, (member, change) =>
        {
            p.Required($"{member}.path", change.Path, EventLimits.FieldPath);
            p.Required($"{member}.kind", change.Kind, EventLimits.ContentType);
            p.Optional($"{member}.before", change.Before, EventLimits.FieldValue);
            p.Optional($"{member}.after", change.After, EventLimits.FieldValue);
            p.ChangeClass($"{member}.changeClass", change.ChangeClass);
            p.Optional($"{member}.beforeText", change.BeforeText, EventLimits.FieldValue);
            p.Optional($"{member}.afterText", change.AfterText, EventLimits.FieldValue);
            // Absent (older producers, short texts) is fine; when present, every run is known and bounded.
            if (change.Words is { } words)
                p.Items($"{member}.words", words, EventLimits.WordChanges, (run, word) =>
                {
                    if (word.Kind is not ("unchanged" or "added" or "removed")) p.Add($"{run}.kind", "is not unchanged, added or removed");
                    p.Optional($"{run}.text", word.Text, EventLimits.FieldValue);
                });
        });
    }
}
