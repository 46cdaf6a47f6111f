using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Publishing.ServiceDefaults.Auth;
using Publishing.ServiceDefaults.Errors;
using Publishing.ServiceDefaults.Health;
using Publishing.ServiceDefaults.Telemetry;

namespace Publishing.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>The largest request body any endpoint accepts.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>Problem details, JSON, limits, auth, health, OpenAPI and tracing, the same in every service.</summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string serviceName)
    {
        var services = builder.Services;
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBodyBytes);

        services.TryAddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Bad input surfaces as BadHttpRequestException, which the handler turns into a 4xx problem.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });

        services.AddOpenApi();
        builder.AddPublishingAuth();
        builder.AddPublishingTelemetry(serviceName);
        services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live"]);
        return builder;
    }

    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestBodyLimit(MaxRequestBodyBytes);
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>Health, the OpenAPI document and (where enabled) the dev token issuer.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthEndpoints();
        app.MapOpenApi();
        app.MapDevTokens();
        return app;
    }
}
