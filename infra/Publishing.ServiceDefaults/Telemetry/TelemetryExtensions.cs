using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Publishing.ServiceDefaults.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>The activity sources that carry a change from request to outbox to every consumer.</summary>
    public static readonly string[] Sources = ["MassTransit", "Publishing.Messaging"];

    /// <summary>The meters exported: the services' own, and MassTransit's (messages received, consumed, faulted).</summary>
    public static readonly string[] Meters = [PublishingMeter.Name, "MassTransit"];

    /// <summary>
    /// Traces HTTP and messaging, and measures what docs/reliability.md lists under "Metrics". MassTransit carries the W3C trace context in message headers and
    /// the outbox stores it with each event, so one trace follows a change across services.
    /// Exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
    /// </summary>
    public static WebApplicationBuilder AddPublishingTelemetry(this WebApplicationBuilder builder, string serviceName)
    {
        var otlp = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? serviceName))
            .WithTracing(t =>
            {
                t.AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health"));
                t.AddHttpClientInstrumentation();
                t.AddSource(Sources);
                if (!string.IsNullOrWhiteSpace(otlp)) t.AddOtlpExporter();
            })
            .WithMetrics(m =>
            {
                m.AddMeter(Meters);
                // Without an exporter nothing collects, so the gauges' queries never run.
                if (!string.IsNullOrWhiteSpace(otlp)) m.AddOtlpExporter();
            });
        return builder;
    }
}
