using Microsoft.EntityFrameworkCore;
using Publishing.Messaging.Inbox;
using Publishing.Messaging.Outbox;

namespace Publishing.Messaging.Database;

public static class MessagingModel
{
    public const string OutboxTable = "OutboxMessages";
    public const string InboxTable = "InboxMessages";

    /// <summary>
    /// Adds the outbox and inbox tables to a service's own database, for a service that stages or
    /// consumes events; its registration says the same with <c>.WithOutbox()</c>, which relays the
    /// outbox (the start is refused when the two disagree).
    /// </summary>
    public static ModelBuilder AddOutboxAndInbox(this ModelBuilder model)
    {
        model.Entity<OutboxMessage>(e =>
        {
            e.ToTable(OutboxTable);
            e.HasKey(m => m.Sequence);
            e.Property(m => m.Sequence).ValueGeneratedOnAdd();
            e.HasIndex(m => m.MessageId).IsUnique();
            e.Property(m => m.MessageType).HasMaxLength(300);
            e.Property(m => m.TraceParent).HasMaxLength(100);
            e.Property(m => m.LockToken).HasMaxLength(32);
            e.Property(m => m.LastError).HasMaxLength(2000);
            // The relay reads only unsent rows, in order; sent rows are kept for days as history.
            // Without this index SQLite walks the whole table (every sent row) in key order on
            // every claim, so each batch costs more the longer the service has been running.
            e.HasIndex(m => new { m.Sequence, m.LockedUntil }, "IX_OutboxMessages_Unsent").HasFilter("SentAt IS NULL");
            // The rows of one claim, read back by its token: only rows in flight carry one.
            e.HasIndex(m => m.LockToken, "IX_OutboxMessages_Claimed").HasFilter("LockToken IS NOT NULL");
            // For the hourly clean-up of sent rows past their retention.
            e.HasIndex(m => m.SentAt, "IX_OutboxMessages_Sent").HasFilter("SentAt IS NOT NULL");
        });
        model.Entity<InboxMessage>(e =>
        {
            e.ToTable(InboxTable);
            e.HasKey(m => new { m.MessageId, m.Consumer });
            e.Property(m => m.Consumer).HasMaxLength(200);
        });
        return model;
    }
}
