using Publishing.Messaging.Workers;

namespace Publishing.Notifications.Email;

/// <summary>Wakes the <see cref="EmailWorker"/> when new e-mail is queued.</summary>
public sealed class EmailSignal : WakeSignal;
