using MassTransit;
using Publishing.Contracts;
using Publishing.Messaging.Inbox;
using Publishing.SearchIndexing.Data;

namespace Publishing.SearchIndexing.Indexing;

/// <summary>
/// Makes a newly published revision the one this service serves. A publication that names a release
/// is applied by <see cref="ApplyReleaseConsumer"/> with the release's other members, never alone.
/// </summary>
public sealed class IndexPublishedContentConsumer(SearchDbContext db, IndexSignal signal, ILogger<IndexPublishedContentConsumer> log)
    : InboxConsumer<SearchDbContext>(db, log), IConsumer<ContentPublished>
{
    public async Task Consume(ConsumeContext<ContentPublished> context)
    {
        var published = context.Message;
        if (published.ReleaseId is { } release)
        {
            log.LogInformation("Publication of {Slug} revision {Revision} is applied with its release {ReleaseId}",
                published.Slug, published.Revision, release);
            return;
        }
        await Once(context, ct => DocumentChanges.PublishAsync(Db, published, log, ct));
        signal.Notify();
    }
}
