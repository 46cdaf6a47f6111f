using Publishing.Messaging.Workers;

namespace Publishing.Notifications.Webhooks;

/// <summary>Wakes the <see cref="DeliveryWorker"/> when deliveries are queued or re-queued, or its buffer runs low.</summary>
public sealed class DeliverySignal : WakeSignal;
