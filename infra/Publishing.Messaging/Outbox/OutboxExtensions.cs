using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Publishing.Messaging.Outbox;

public static class OutboxExtensions
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Stages an event in the outbox. It is written by the caller's next <c>SaveChanges</c>, in the
    /// same transaction as the change, so a rolled-back change never leaves an event behind.
    /// </summary>
    public static OutboxMessage AddOutboxMessage<TEvent>(this DbContext db, TEvent @event, DateTimeOffset now)
        where TEvent : class
    {
        var type = @event.GetType();
        var row = new OutboxMessage
        {
            MessageId = Guid.NewGuid(),
            MessageType = TypeName(type),
            Body = JsonSerializer.Serialize(@event, type, Json),
            TraceParent = Activity.Current?.Id,
            CreatedAt = now,
        };
        db.Set<OutboxMessage>().Add(row);
        return row;
    }

    internal static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    internal static Type? ResolveType(string name) => Type.GetType(name, throwOnError: false);
}
