using MassTransit;
using Microsoft.EntityFrameworkCore;
using Publishing.Contracts;
using Publishing.Messaging.Inbox;
using Publishing.SearchIndexing.Data;

namespace Publishing.SearchIndexing.Indexing;

/// <summary>Makes a newly published revision the one this service serves.</summary>
public sealed class IndexPublishedContentConsumer(SearchDbContext db, ILogger<IndexPublishedContentConsumer> log)
    : InboxConsumer<SearchDbContext>(db, log), IConsumer<ContentPublished>
{
    public Task Consume(ConsumeContext<ContentPublished> context) => Once(context, async ct =>
    {
        var published = context.Message;
        var held = await Db.Documents.SingleOrDefaultAsync(d => d.Slug == published.Slug, ct);
        // Equal counts as stale too: a withdrawal of revision N must survive a late publication of N.
        if (held is not null && published.Revision <= held.Revision)
        {
            log.LogInformation("Ignoring publication of {Slug} revision {Revision}: revision {Held} ({State}) is already held",
                published.Slug, published.Revision, held.Revision, held.State);
            return;
        }

        var document = From(published);
        if (held is null) Db.Documents.Add(document);
        else Db.Entry(held).CurrentValues.SetValues(document);
        Db.Changes.Add(new ChangeEntry
        {
            Type = EventTypes.Published, Slug = published.Slug, Revision = published.Revision, At = published.OccurredAt,
        });
    });

    private static PublishedDocument From(ContentPublished e) => new()
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
    };
}
