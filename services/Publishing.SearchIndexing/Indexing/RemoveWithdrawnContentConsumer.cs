using MassTransit;
using Publishing.Contracts;
using Publishing.Messaging.Inbox;
using Publishing.SearchIndexing.Data;

namespace Publishing.SearchIndexing.Indexing;

/// <summary>
/// Turns a document into a tombstone, so its public URL answers 410 with the reason. A withdrawal that
/// names a release is applied by <see cref="ApplyReleaseConsumer"/> with the release's other members.
/// </summary>
public sealed class RemoveWithdrawnContentConsumer(SearchDbContext db, IndexSignal signal, ILogger<RemoveWithdrawnContentConsumer> log)
    : InboxConsumer<SearchDbContext>(db, log), IConsumer<ContentWithdrawn>
{
    public async Task Consume(ConsumeContext<ContentWithdrawn> context)
    {
        var withdrawn = context.Message;
        if (withdrawn.ReleaseId is { } release)
        {
            log.LogInformation("Withdrawal of {Slug} revision {Revision} is applied with its release {ReleaseId}",
                withdrawn.Slug, withdrawn.Revision, release);
            return;
        }
        await Once(context, ct => DocumentChanges.WithdrawAsync(Db, withdrawn, log, ct));
        signal.Notify();
    }
}
