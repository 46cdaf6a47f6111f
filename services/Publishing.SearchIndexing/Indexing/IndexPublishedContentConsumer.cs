using MassTransit;
using Microsoft.EntityFrameworkCore;
using Publishing.Contracts;
using Publishing.Messaging.Inbox;
using Publishing.SearchIndexing.Data;

namespace Publishing.SearchIndexing.Indexing;

/// <summary>Makes a newly published revision the one this service serves.</summary>
public sealed class IndexPublishedContentConsumer(SearchDbContext db, IndexSignal signal, ILogger<IndexPublishedContentConsumer> log)
    : InboxConsumer<SearchDbContext>(db, log), IConsumer<ContentPublished>
{
    public async Task Consume(ConsumeContext<ContentPublished> context)
    {
        await Once(context, async ct =>
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

            var document = PublishedDocuments.From(published);
            if (held is null) Db.Documents.Add(document);
            else Db.Entry(held).CurrentValues.SetValues(document);
            Db.Changes.Add(new ChangeEntry
            {
                Type = EventTypes.Published, Slug = published.Slug, Revision = published.Revision, At = published.OccurredAt,
            });
            Db.IndexQueue.Add(new IndexQueueEntry { Slug = published.Slug });
        });
        signal.Notify();
    }
}
