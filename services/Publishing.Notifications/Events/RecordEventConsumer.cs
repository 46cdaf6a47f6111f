using MassTransit;
using Publishing.Contracts;
using Publishing.Messaging.Inbox;
using Publishing.Notifications.Data;

namespace Publishing.Notifications.Events;

/// <summary>Records every content and review event once, proving each reaches this service.</summary>
public sealed class RecordEventConsumer(NotificationsDbContext db, TimeProvider clock, ILogger<RecordEventConsumer> log)
    : InboxConsumer<NotificationsDbContext>(db, log),
        IConsumer<ContentPublished>, IConsumer<ContentWithdrawn>, IConsumer<ContentReviewConfirmed>,
        IConsumer<ReviewApproved>, IConsumer<ChangesRequested>, IConsumer<ReviewDue>, IConsumer<ReleasePublished>
{
    /// <summary>A release is recorded as one row per member (type <c>ReleasePublished</c>), in one transaction.</summary>
    public Task Consume(ConsumeContext<ReleasePublished> context) => Once(context, _ =>
    {
        var m = context.Message;
        var members = m.Published.Select(p => (p.Slug, p.Revision)).Concat(m.Withdrawn.Select(w => (w.Slug, w.Revision)));
        foreach (var (slug, revision) in members)
            Db.ReceivedEvents.Add(new ReceivedEvent
            {
                MessageId = context.MessageId!.Value, EventType = nameof(ReleasePublished), Slug = slug, Revision = revision,
                OccurredAt = m.OccurredAt, ReceivedAt = clock.GetUtcNow(),
            });
        return Task.CompletedTask;
    });

    public Task Consume(ConsumeContext<ContentPublished> context) =>
        Record(context, context.Message.Slug, context.Message.Revision, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<ContentWithdrawn> context) =>
        Record(context, context.Message.Slug, context.Message.Revision, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<ContentReviewConfirmed> context) =>
        Record(context, context.Message.Slug, context.Message.Revision, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<ReviewApproved> context) =>
        Record(context, context.Message.Slug, context.Message.Revision, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<ChangesRequested> context) =>
        Record(context, context.Message.Slug, context.Message.Revision, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<ReviewDue> context) =>
        Record(context, context.Message.Slug, context.Message.Revision, context.Message.OccurredAt);

    private Task Record<T>(ConsumeContext<T> context, string slug, int revision, DateTimeOffset occurredAt) where T : class =>
        Once(context, _ =>
        {
            Db.ReceivedEvents.Add(new ReceivedEvent
            {
                MessageId = context.MessageId!.Value, // Once refuses a message without one.
                EventType = typeof(T).Name,
                Slug = slug,
                Revision = revision,
                OccurredAt = occurredAt,
                ReceivedAt = clock.GetUtcNow(),
            });
            return Task.CompletedTask;
        });
}
