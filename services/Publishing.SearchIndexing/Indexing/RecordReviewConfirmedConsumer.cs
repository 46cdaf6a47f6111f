using MassTransit;
using Microsoft.EntityFrameworkCore;
using Publishing.Contracts;
using Publishing.Messaging.Inbox;
using Publishing.SearchIndexing.Changes;
using Publishing.SearchIndexing.Data;

namespace Publishing.SearchIndexing.Indexing;

/// <summary>A periodic review confirmed the published revision: its review dates move, nothing else.</summary>
public sealed class RecordReviewConfirmedConsumer(SearchDbContext db, ILogger<RecordReviewConfirmedConsumer> log)
    : InboxConsumer<SearchDbContext>(db, log), IConsumer<ContentReviewConfirmed>
{
    public Task Consume(ConsumeContext<ContentReviewConfirmed> context) => Once(context, async ct =>
    {
        var confirmed = context.Message;
        var held = await Db.Documents.SingleOrDefaultAsync(d => d.Slug == confirmed.Slug, ct);

        // The publication it confirms travels on another queue and may not have arrived yet. Failing
        // lets retry wait for it; if it never comes the message ends in the error queue, not lost.
        if (held is null || confirmed.Revision > held.Revision)
            throw new RevisionNotYetIndexedException(confirmed.Slug, confirmed.Revision, held?.Revision);

        if (confirmed.Revision < held.Revision || held.State != DocumentState.Published
            || (held.LastReviewed is { } last && confirmed.LastReviewed <= last))
        {
            log.LogInformation("Ignoring review of {Slug} revision {Revision}: revision {Held} ({State}) is held, last reviewed {LastReviewed}",
                confirmed.Slug, confirmed.Revision, held.Revision, held.State, held.LastReviewed);
            return;
        }

        await ChangeFeedOrder.LockAsync(Db, ct);
        held.LastReviewed = confirmed.LastReviewed;
        held.NextReviewDue = confirmed.NextReviewDue;
        Db.Changes.Add(new ChangeEntry
        {
            Type = EventTypes.Reviewed, Slug = confirmed.Slug, Revision = confirmed.Revision, At = confirmed.OccurredAt,
        });
    });
}

public sealed class RevisionNotYetIndexedException(string slug, int revision, int? held)
    : Exception($"Revision {revision} of '{slug}' is not indexed yet (held: {held?.ToString() ?? "none"}).");
