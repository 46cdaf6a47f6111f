using MassTransit;
using Microsoft.EntityFrameworkCore;
using Publishing.Contracts;
using Publishing.Messaging.Inbox;
using Publishing.SearchIndexing.Data;

namespace Publishing.SearchIndexing.Indexing;

/// <summary>Turns a document into a tombstone, so its public URL answers 410 with the reason.</summary>
public sealed class RemoveWithdrawnContentConsumer(SearchDbContext db, IndexSignal signal, ILogger<RemoveWithdrawnContentConsumer> log)
    : InboxConsumer<SearchDbContext>(db, log), IConsumer<ContentWithdrawn>
{
    public async Task Consume(ConsumeContext<ContentWithdrawn> context)
    {
        await Once(context, async ct =>
        {
            var withdrawn = context.Message;
            var held = await Db.Documents.SingleOrDefaultAsync(d => d.Slug == withdrawn.Slug, ct);
            // The same revision withdrawn twice changes nothing, and must not add a second feed entry.
            if (held is not null && (withdrawn.Revision < held.Revision
                || (withdrawn.Revision == held.Revision && held.State == DocumentState.Withdrawn)))
            {
                log.LogInformation("Ignoring withdrawal of {Slug} revision {Revision}: revision {Held} ({State}) is already held",
                    withdrawn.Slug, withdrawn.Revision, held.Revision, held.State);
                return;
            }

            // The publication may still be on its way (another queue); the tombstone makes it stale on arrival.
            held ??= Db.Documents.Add(new PublishedDocument
            {
                Slug = withdrawn.Slug,
                ContentId = withdrawn.ContentId,
                ContentType = withdrawn.ContentType,
                Title = withdrawn.Title,
                State = DocumentState.Withdrawn,
                Fields = "{}",
                Approvals = "[]",
                Tags = "[]",
                ChangeClass = "",
                ChangeSummary = "",
                AuthorName = "",
                ContentHash = "",
            }).Entity;
            // Only the tombstone is ever served, so the content of an older revision may stay beside it.
            held.Revision = withdrawn.Revision;
            held.State = DocumentState.Withdrawn;
            held.WithdrawnAt = withdrawn.OccurredAt;
            held.WithdrawalReason = withdrawn.Reason;
            Db.Changes.Add(new ChangeEntry
            {
                Type = EventTypes.Withdrawn, Slug = withdrawn.Slug, Revision = withdrawn.Revision, At = withdrawn.OccurredAt,
            });
            Db.IndexQueue.Add(new IndexQueueEntry { Slug = withdrawn.Slug });
        });
        signal.Notify();
    }
}
