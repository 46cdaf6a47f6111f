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
using Publishing.ServiceDefaults.Hosting;
using Publishing.ServiceDefaults.Limits;
using Microsoft.Extensions.Hosting;
using Publishing.ServiceDefaults.Telemetry;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>The largest request body any endpoint accepts.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>Logging defaults, problem details, JSON, limits, auth, health, OpenAPI and tracing, the same in every service.</summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string serviceName)
    {
        var services = builder.Services;
        builder.AddLoggingDefaults();
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

        services.AddOpenApi(o => o.AddSchemaTransformer<JsonTextSchema>());
        builder.AddPublishingAuth();
        services.AddPublishingRateLimits(builder.Configuration);
        // Sent outside Development only (UseServiceDefaults), and then for every host name: the default list
        // spares localhost, which a production host behind a local TLS terminator may well be reached as.
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.ExcludedHosts.Clear();
        });
        // Read now so a development aid asked for in production stops the start, not the first request.
        services.AddSingleton(new OpenApiAccess(DevelopmentOnly.Switch(builder.Configuration, builder.Environment, OpenApiAccess.AnonymousKey)));
        builder.AddPublishingTelemetry(serviceName);
        services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live"]);
        return builder;
    }

    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.UseConfiguredForwardedHeaders(app.Configuration);
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestBodyLimit(MaxRequestBodyBytes);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter(); // after authentication: a signed-in caller has a bucket of its own
        return app;
    }

    /// <summary>Health, the OpenAPI document and (where enabled) the dev token issuer.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthEndpoints();
        var openApi = app.MapOpenApi();
        // The document lists every route, internal ones included: admins only, unless a developer asked otherwise.
        if (app.Services.GetRequiredService<OpenApiAccess>().Anonymous) openApi.AllowAnonymous();
        else openApi.RequireAuthorization(Policies.Admin);
        app.MapDevTokens();
        return app;
    }
}

/// <summary><c>OpenApi:Anonymous</c> (Development only): serve <c>/openapi/v1.json</c> to anyone.</summary>
public sealed record OpenApiAccess(bool Anonymous)
{
    public const string AnonymousKey = "OpenApi:Anonymous";
}
