using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Publishing.Messaging.Validation;

public static class EventValidation
{
    /// <summary>Registers every <see cref="IEventRules{T}"/> in <c>Validation/Rules/</c> and the filter that applies them.</summary>
    public static IServiceCollection AddEventRules(this IServiceCollection services)
    {
        var rules = typeof(EventValidation).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false })
            .SelectMany(t => t.GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEventRules<>))
                .Select(i => (Service: i, Implementation: t)));
        foreach (var (service, implementation) in rules)
            services.TryAddEnumerable(ServiceDescriptor.Singleton(service, implementation));
        services.TryAddScoped(typeof(EventValidationFilter<>));
        return services;
    }

    /// <summary>Checks every message received on any endpoint of this bus before its consumer runs.</summary>
    public static void UseEventValidation(this IBusFactoryConfigurator bus, IRegistrationContext context) =>
        bus.UseConsumeFilter(typeof(EventValidationFilter<>), context);
}
