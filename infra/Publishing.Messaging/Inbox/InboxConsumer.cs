using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Publishing.Messaging.Inbox;

/// <summary>
/// Base for consumers whose effects live in <typeparamref name="TDbContext"/>. <see cref="Once"/> runs
/// the effect in one transaction that first inserts the (message id, consumer) inbox row: a
/// redelivered message finds its row there and has no second effect (<see cref="InboxRecord"/>), and a failed effect rolls the row
/// back so the retry runs it again. Events the effect stages in the outbox commit with it.
/// </summary>
public abstract class InboxConsumer<TDbContext>(TDbContext db, ILogger logger)
    where TDbContext : DbContext
{
    protected TDbContext Db { get; } = db;

    protected async Task Once(ConsumeContext context, Func<CancellationToken, Task> effect)
    {
        var ct = context.CancellationToken;
        var messageId = context.MessageId
            ?? throw new InvalidOperationException("A message without a MessageId cannot be de-duplicated.");
        var consumer = GetType().Name;

        await using var transaction = await Db.Database.BeginTransactionAsync(ct);
        if (!await InboxRecord.TryInsertAsync(Db, messageId, consumer, ReceivedAt(context), ct))
        {
            logger.LogInformation("{Consumer} already handled message {MessageId}; ignoring the redelivery", consumer, messageId);
            await transaction.RollbackAsync(CancellationToken.None);
            return;
        }

        await effect(ct);
        await Db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    // The host's clock (a test's fake one) from the consumer's scope; the retention sweep reads the same clock.
    private static DateTimeOffset ReceivedAt(ConsumeContext context) =>
        (context.TryGetPayload<IServiceProvider>(out var services) ? services.GetService<TimeProvider>() : null)?.GetUtcNow()
        ?? DateTimeOffset.UtcNow;
}
