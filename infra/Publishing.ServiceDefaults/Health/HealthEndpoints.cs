using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Publishing.ServiceDefaults.Health;

public static class HealthEndpoints
{
    /// <summary>
    /// <c>/health/live</c>: the process answers. <c>/health/ready</c>: every check tagged "ready"
    /// (each database, the bus) is healthy, so a load balancer can route to it.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains("live"),
            ResponseWriter = WriteAsync,
        }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains("ready"),
            ResponseWriter = WriteAsync,
        }).AllowAnonymous(); // probes and load balancers carry no token; the answer names checks, not secrets
        return app;
    }

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Description ?? e.Value.Exception?.Message,
            }),
        };
        return JsonSerializer.SerializeAsync(http.Response.Body, body, JsonSerializerOptions.Web);
    }
}
