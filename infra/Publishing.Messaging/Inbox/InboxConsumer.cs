using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Publishing.Messaging.Inbox;

/// <summary>
/// Base for consumers whose effects live in <typeparamref name="TDbContext"/>. <see cref="Once"/> runs
/// the effect in one transaction that first inserts the (message id, consumer) inbox row: a
/// redelivered message hits the key and has no second effect, and a failed effect rolls the row
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
        Db.Set<InboxMessage>().Add(new InboxMessage
        {
            MessageId = messageId,
            Consumer = consumer,
            ReceivedAt = DateTimeOffset.UtcNow,
        });
        try
        {
            await Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            logger.LogInformation("{Consumer} already handled message {MessageId}; ignoring the redelivery", consumer, messageId);
            await transaction.RollbackAsync(CancellationToken.None);
            return;
        }

        await effect(ct);
        await Db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
