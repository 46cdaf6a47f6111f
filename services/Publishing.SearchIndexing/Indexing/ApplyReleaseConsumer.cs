using MassTransit;
using Publishing.Contracts;
using Publishing.Messaging.Inbox;
using Publishing.SearchIndexing.Data;

namespace Publishing.SearchIndexing.Indexing;

/// <summary>
/// Applies a whole release in ONE database transaction: every member's document, its change-feed
/// entries one after another (<see cref="Changes.ChangeFeedOrder"/>), and its index-queue rows, which
/// the indexer takes in one batch (one index commit). A reader of the API, the feed or search sees
/// either none of the release or all of it. Each member keeps the per-slug staleness rules.
/// </summary>
public sealed class ApplyReleaseConsumer(SearchDbContext db, IndexSignal signal, ILogger<ApplyReleaseConsumer> log)
    : InboxConsumer<SearchDbContext>(db, log), IConsumer<ReleasePublished>
{
    public async Task Consume(ConsumeContext<ReleasePublished> context)
    {
        var release = context.Message;
        await Once(context, async ct =>
        {
            // Members carry the release id already; set it anyway so the feed and queue group them.
            foreach (var published in release.Published)
                await DocumentChanges.PublishAsync(Db, published with { ReleaseId = release.ReleaseId }, log, ct);
            foreach (var withdrawn in release.Withdrawn)
                await DocumentChanges.WithdrawAsync(Db, withdrawn with { ReleaseId = release.ReleaseId }, log, ct);
        });
        log.LogInformation("Applied release {ReleaseId} ({Name}): {Published} published, {Withdrawn} withdrawn",
            release.ReleaseId, release.Name, release.Published.Count, release.Withdrawn.Count);
        signal.Notify();
    }
}
