using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Publishing.Messaging.Bus;

namespace Publishing.Messaging.ErrorQueues;

internal static class ErrorQueueRegistration
{
    /// <summary>
    /// With RabbitMQ: the broker operations, the monitor, its health check (tag ready, Degraded at worst) and
    /// gauge. The in-memory bus has no error queues to read; its routes answer 409.
    /// </summary>
    public static void AddErrorQueues(this IHostApplicationBuilder builder, BusSettings settings)
    {
        var services = builder.Services;
        services.TryAddSingleton<ServiceQueues>();
        if (settings.Transport != BusTransport.RabbitMq) return;
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton(_ => new ErrorQueueBroker(settings.RabbitMq));
        services.AddOptions<ErrorQueueOptions>().BindConfiguration("Messaging:ErrorQueues");
        services.AddSingleton<ErrorQueueMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<ErrorQueueMonitor>());
        services.AddHealthChecks().AddCheck<ErrorQueueHealthCheck>(ErrorQueueHealthCheck.Name, tags: ["ready"]);
    }
}
