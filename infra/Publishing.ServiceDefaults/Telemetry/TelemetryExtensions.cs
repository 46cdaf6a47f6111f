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

    /// <summary>The meter the services' own measurements go on (error-queue depth, docs/reliability.md).</summary>
    public const string Meter = "Publishing";

    /// <summary>
    /// Traces HTTP and messaging, and measures on <see cref="Meter"/>. MassTransit carries the W3C trace context in message headers and
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
                m.AddMeter(Meter);
                // Without an exporter nothing collects, so the gauges' callbacks never run.
                if (!string.IsNullOrWhiteSpace(otlp)) m.AddOtlpExporter();
            });
        return builder;
    }
}
