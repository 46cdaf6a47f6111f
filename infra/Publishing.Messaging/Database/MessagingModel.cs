using Microsoft.EntityFrameworkCore;
using Publishing.Messaging.Inbox;
using Publishing.Messaging.Outbox;

namespace Publishing.Messaging.Database;

public static class MessagingModel
{
    public const string OutboxTable = "OutboxMessages";
    public const string InboxTable = "InboxMessages";

    /// <summary>Adds the outbox and inbox tables to a service's own database.</summary>
    public static ModelBuilder AddMessagingTables(this ModelBuilder model)
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
            // Only unsent rows are ever scanned; sent rows are history.
            e.HasIndex(m => m.LockedUntil).HasFilter("SentAt IS NULL");
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
