using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Publishing.Messaging.Database;

/// <summary>
/// An EF interceptor that an opt-in part of a service database (the outbox's wake-up) adds to every
/// <typeparamref name="TContext"/>; registered as a singleton, read once when the context pool is built.
/// </summary>
public sealed record ContextInterceptor<TContext>(IInterceptor Interceptor) where TContext : DbContext
{
    internal static IInterceptor[] All(IServiceProvider services) =>
        [.. services.GetServices<ContextInterceptor<TContext>>().Select(i => i.Interceptor)];
}
