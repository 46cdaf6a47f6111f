using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Publishing.Notifications.Data;

namespace Publishing.Notifications.Tests.Api;

/// <summary>What a host holds and is fed, read and published beside its API.</summary>
public static class HostData
{
    /// <summary>The Secret column as the database holds it.</summary>
    public static Task<List<string>> StoredSecretsAsync(NotificationsApi api) => api.WithDb(Query);

    public static async Task<List<string>> StoredSecretsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await Query(scope.ServiceProvider.GetRequiredService<NotificationsDbContext>());
    }

    /// <summary>
    /// Publishes on a flow of its own: MassTransit keeps its log context in an AsyncLocal, which would
    /// otherwise follow the test into the next host it starts, after this host's loggers are disposed.
    /// </summary>
    public static Task PublishAsync(IServiceProvider services, object message)
    {
        using (ExecutionContext.SuppressFlow())
            return Task.Run(() => services.GetRequiredService<IBus>().Publish(message));
    }

    private static Task<List<string>> Query(NotificationsDbContext db) =>
        db.Database.SqlQueryRaw<string>("SELECT Secret AS Value FROM Subscriptions").ToListAsync();
}
