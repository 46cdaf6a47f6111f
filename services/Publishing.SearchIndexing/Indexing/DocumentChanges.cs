using Microsoft.EntityFrameworkCore;
using Publishing.Contracts;
using Publishing.SearchIndexing.Changes;
using Publishing.SearchIndexing.Data;

namespace Publishing.SearchIndexing.Indexing;

/// <summary>
/// Applies one publication or withdrawal to the served document, its change-feed entry and the index
/// queue, under the staleness rules: an older revision never replaces a newer one, and a withdrawal of
/// revision N survives a late publication of N. Used by the per-item consumers and, for all members in
/// one transaction, by <see cref="ApplyReleaseConsumer"/>. The caller saves.
/// </summary>
public static class DocumentChanges
{
    /// <returns>false when the event is stale and changed nothing.</returns>
    public static async Task<bool> PublishAsync(SearchDbContext db, ContentPublished published, ILogger log, CancellationToken ct)
    {
        var held = await db.Documents.SingleOrDefaultAsync(d => d.Slug == published.Slug, ct);
        // Equal counts as stale too: a withdrawal of revision N must survive a late publication of N.
        if (held is not null && published.Revision <= held.Revision)
        {
            log.LogInformation("Ignoring publication of {Slug} revision {Revision}: revision {Held} ({State}) is already held",
                published.Slug, published.Revision, held.Revision, held.State);
            return false;
        }

        var document = PublishedDocuments.From(published);
        if (held is null) db.Documents.Add(document);
        else db.Entry(held).CurrentValues.SetValues(document);
        await ChangeFeedOrder.LockAsync(db, ct);
        db.Changes.Add(new ChangeEntry
        {
            Type = EventTypes.Published, Slug = published.Slug, Revision = published.Revision, At = published.OccurredAt,
            ReleaseId = published.ReleaseId,
        });
        db.IndexQueue.Add(new IndexQueueEntry { Slug = published.Slug, ReleaseId = published.ReleaseId });
        return true;
    }

    /// <returns>false when the event is stale and changed nothing.</returns>
    public static async Task<bool> WithdrawAsync(SearchDbContext db, ContentWithdrawn withdrawn, ILogger log, CancellationToken ct)
    {
        var held = await db.Documents.SingleOrDefaultAsync(d => d.Slug == withdrawn.Slug, ct);
        // The same revision withdrawn twice changes nothing, and must not add a second feed entry.
        if (held is not null && (withdrawn.Revision < held.Revision
            || (withdrawn.Revision == held.Revision && held.State == DocumentState.Withdrawn)))
        {
            log.LogInformation("Ignoring withdrawal of {Slug} revision {Revision}: revision {Held} ({State}) is already held",
                withdrawn.Slug, withdrawn.Revision, held.Revision, held.State);
            return false;
        }

        // The publication may still be on its way (another queue); the tombstone makes it stale on arrival.
        held ??= db.Documents.Add(new PublishedDocument
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
        await ChangeFeedOrder.LockAsync(db, ct);
        db.Changes.Add(new ChangeEntry
        {
            Type = EventTypes.Withdrawn, Slug = withdrawn.Slug, Revision = withdrawn.Revision, At = withdrawn.OccurredAt,
            ReleaseId = withdrawn.ReleaseId,
        });
        db.IndexQueue.Add(new IndexQueueEntry { Slug = withdrawn.Slug, ReleaseId = withdrawn.ReleaseId });
        return true;
    }
}
