using Publishing.Messaging.Workers;

namespace Publishing.Messaging.Outbox;

/// <summary>Wakes a context's dispatcher the moment new rows are committed.</summary>
public sealed class OutboxSignal<TDbContext> : WakeSignal;
