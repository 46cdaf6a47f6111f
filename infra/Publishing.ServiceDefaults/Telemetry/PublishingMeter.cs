using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Publishing.ServiceDefaults.Telemetry;

/// <summary>
/// The meter the services' own measurements go on. Each host's container makes its own (through
/// <see cref="IMeterFactory"/>), so its instruments, and the database queries behind its gauges, end
/// with the host; exported over OTLP with the rest of the telemetry (<see cref="TelemetryExtensions"/>).
/// What each instrument means is listed in docs/reliability.md, "Metrics".
/// </summary>
public static class PublishingMeter
{
    public const string Name = "Publishing";

    public static Meter Create(IServiceProvider services) => services.GetRequiredService<IMeterFactory>().Create(Name);
}
