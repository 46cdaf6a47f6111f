using MassTransit;
using Microsoft.EntityFrameworkCore;
using Publishing.Contracts;
using Publishing.Messaging.Database;
using Publishing.Messaging.Inbox;
using Publishing.Notifications.Data;
using Publishing.ServiceDefaults.Hosting;

namespace Publishing.Notifications.Webhooks;

/// <summary>
/// Turns a content event into one delivery row per matching active subscription, in the inbox
/// transaction: the broker message is acked once the rows are stored, and a redelivery of it adds
/// nothing. Sending is the <see cref="DeliveryWorker"/>'s job, so a slow site never holds a message.
/// </summary>
public sealed class EnqueueWebhooksConsumer(
    NotificationsDbContext db, DeliverySignal signal, PublicOrigin origin, TimeProvider clock,
    ILogger<EnqueueWebhooksConsumer> log)
    : InboxConsumer<NotificationsDbContext>(db, log),
        IConsumer<ContentPublished>, IConsumer<ContentWithdrawn>, IConsumer<ContentReviewConfirmed>
{

    public Task Consume(ConsumeContext<ContentPublished> context)
    {
        var m = context.Message;
        return QueueOnceAsync(context, EventTypes.Published, m.OccurredAt, m.ChangeClass == ChangeClasses.Safety, async ct =>
        {
            var tags = m.Tags.ToArray();
            await RememberAsync(m.Slug, m.Revision, m.ContentType, tags, ct);
            var data = new WebhookData(m.ContentId, m.Slug, m.ContentType, m.Revision, m.Title, m.ChangeClass,
                m.ChangeSummary, WebhookPayload.PublishedUrl(origin, m.Slug), Tags: tags,
                LastReviewed: m.LastReviewed, NextReviewDue: m.NextReviewDue, ContentHash: m.ContentHash, Sample: m.Sample ? true : null,
                ReleaseId: m.ReleaseId);
            return (data, tags);
        });
    }

    public Task Consume(ConsumeContext<ContentWithdrawn> context)
    {
        var m = context.Message;
        return QueueOnceAsync(context, EventTypes.Withdrawn, m.OccurredAt, safety: true, async ct =>
        {
            var data = new WebhookData(m.ContentId, m.Slug, m.ContentType, m.Revision, m.Title, null, null,
                WebhookPayload.PublishedUrl(origin, m.Slug), Reason: m.Reason, ReleaseId: m.ReleaseId);
            return (data, await TagsOfAsync(m.Slug, ct));
        });
    }

    public Task Consume(ConsumeContext<ContentReviewConfirmed> context)
    {
        var m = context.Message;
        return QueueOnceAsync(context, EventTypes.Reviewed, m.OccurredAt, safety: false, async ct =>
        {
            var data = new WebhookData(m.ContentId, m.Slug, m.ContentType, m.Revision, m.Title, null, null,
                WebhookPayload.PublishedUrl(origin, m.Slug), LastReviewed: m.LastReviewed, NextReviewDue: m.NextReviewDue);
            return (data, await TagsOfAsync(m.Slug, ct));
        });
    }

    /// <summary>
    /// Builds the event and queues its deliveries once (inbox), then wakes the delivery worker, only
    /// when rows were queued and only after they are committed: a claim is a write.
    /// </summary>
    private async Task QueueOnceAsync(
        ConsumeContext context, string type, DateTimeOffset occurredAt, bool safety,
        Func<CancellationToken, Task<(WebhookData Data, string[] Tags)>> build)
    {
        var queued = 0;
        await Once(context, async ct =>
        {
            var (data, tags) = await build(ct);
            queued = await EnqueueAsync(context.MessageId!.Value, new WebhookEvent(type, occurredAt, data), tags, safety, ct);
        });
        if (queued > 0) signal.Notify();
    }

    /// <returns>How many deliveries were queued.</returns>
    private async Task<int> EnqueueAsync(Guid messageId, WebhookEvent e, string[] tags, bool safety, CancellationToken ct)
    {
        var subscriptions = await Db.Subscriptions.AsNoTracking()
            .Where(s => s.State == SubscriptionStates.Active)
            .ToListAsync(ct);
        var matching = subscriptions.Where(s => SubscriptionFilter.Matches(s, e.Type, e.Data.ContentType, e.Data.Slug, tags)).ToList();
        if (matching.Count == 0) return 0;

        var payload = WebhookPayload.Serialize(e);
        var now = clock.GetUtcNow();
        var deliveries = matching.Select(s => new Delivery
        {
            SubscriptionId = s.Id,
            WebhookId = WebhookPayload.WebhookId(messageId, s.Id),
            Endpoint = EndpointBreakers.KeyOf(s.Url),
            EventType = e.Type,
            Slug = e.Data.Slug,
            Revision = e.Data.Revision,
            Payload = payload,
            State = DeliveryStates.Pending,
            Safety = safety,
            NextAttemptAt = now.ToUnixTimeMilliseconds(),
            CreatedAt = now,
        }).ToList();
        // One event fans out to every subscription: hundreds of rows, written without change tracking.
        await Db.InsertManyAsync(deliveries, ct);
        log.LogInformation("Queued {Count} webhook deliveries of {Type} for {Slug} revision {Revision}",
            matching.Count, e.Type, e.Data.Slug, e.Data.Revision);
        return matching.Count;
    }

    private async Task RememberAsync(string slug, int revision, string contentType, string[] tags, CancellationToken ct)
    {
        var known = await Db.KnownContent.SingleOrDefaultAsync(k => k.Slug == slug, ct);
        if (known is null)
        {
            Db.KnownContent.Add(new KnownContent { Slug = slug, Revision = revision, ContentType = contentType, Tags = Subscription.Join(tags) });
        }
        else if (revision >= known.Revision)
        {
            known.Revision = revision;
            known.ContentType = contentType;
            known.Tags = Subscription.Join(tags);
        }
    }

    private async Task<string[]> TagsOfAsync(string slug, CancellationToken ct)
    {
        var known = await Db.KnownContent.AsNoTracking().SingleOrDefaultAsync(k => k.Slug == slug, ct);
        return known is null ? [] : Subscription.Split(known.Tags);
    }
}
