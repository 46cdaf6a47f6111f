using Publishing.Contracts;
using Publishing.SearchIndexing.Data;

namespace Publishing.SearchIndexing.Indexing;

public static class PublishedDocuments
{
    /// <summary>The document this service serves for a published revision.</summary>
    public static PublishedDocument From(ContentPublished e) => new()
    {
        Slug = e.Slug,
        ContentId = e.ContentId,
        ContentType = e.ContentType,
        Title = e.Title,
        Revision = e.Revision,
        State = DocumentState.Published,
        Fields = e.Fields.GetRawText(),
        Approvals = DocumentJson.Write(e.Approvals),
        Tags = DocumentJson.Write(e.Tags),
        ChangeClass = e.ChangeClass,
        ChangeSummary = e.ChangeSummary,
        AuthorName = e.AuthorName,
        ContentHash = e.ContentHash,
        FirstPublished = e.FirstPublished,
        LastModified = e.LastModified,
        LastReviewed = e.LastReviewed,
        NextReviewDue = e.NextReviewDue,
        PublishedAt = e.OccurredAt,
        WithdrawnAt = null,
        WithdrawalReason = null,
        Sample = e.Sample,
    };
}
