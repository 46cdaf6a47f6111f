using Publishing.Messaging.Workers;

namespace Publishing.Authoring.GoLive;

/// <summary>Wakes this instance's <see cref="ScheduledPublisher"/> when a go-live time is set or moved here.</summary>
public sealed class ScheduleSignal : WakeSignal;
