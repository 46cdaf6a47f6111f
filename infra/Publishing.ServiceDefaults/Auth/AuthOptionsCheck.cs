using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Publishing.ServiceDefaults.Hosting;

namespace Publishing.ServiceDefaults.Auth;

/// <summary>
/// Builds the options of every authentication scheme while the host starts. They are otherwise built
/// on the first request, so a setting the handlers reject (an interval out of range, a malformed
/// authority) surfaced as a 500 on every request, health checks included, instead of a refusal to start.
/// </summary>
internal sealed class AuthOptionsCheck(IAuthenticationSchemeProvider schemes, IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        foreach (var scheme in await schemes.GetAllSchemesAsync())
        {
            var type = FindOptionsType(scheme.HandlerType);
            if (type is null) continue;
            var monitor = services.GetService(typeof(IOptionsMonitor<>).MakeGenericType(type));
            try
            {
                monitor?.GetType().GetMethod("Get")!.Invoke(monitor, [scheme.Name]);
            }
            catch (System.Reflection.TargetInvocationException e) when (e.InnerException is { } inner)
            {
                throw new StartupRefusedException($"The authentication scheme '{scheme.Name}' cannot be configured: {inner.Message}");
            }
        }
    }

    private static Type? FindOptionsType(Type? handler)
    {
        for (var t = handler; t is not null; t = t.BaseType)
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(AuthenticationHandler<>))
                return t.GetGenericArguments()[0];
        return null;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
