using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Publishing.ServiceDefaults.Auth;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Messaging.ErrorQueues;

public sealed record ErrorQueueView(string Name, string Queue, long Messages);

public sealed record RedriveResult(string Name, string Queue, int Moved);

public sealed record PurgeResult(string Name, long Purged);

/// <summary>
/// <c>/api/admin/error-queues</c>, admins only: this host's error queues with their depth, the messages in
/// one (headers with the exception, body), re-drive to the queue they failed on, purge. Only the host's
/// own error queues can be named; the broker is the host's own (<see cref="ErrorQueueBroker"/>).
/// </summary>
public static class ErrorQueueEndpoints
{
    public const int MaxPeek = 50;
    public const int MaxRedrive = 10_000;

    public static IEndpointRouteBuilder MapErrorQueues(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/error-queues").RequireAuthorization(Policies.Admin).WithTags("Error queues");
        group.MapGet("", List);
        group.MapGet("/{name}/messages", Messages);
        group.MapPost("/{name}/redrive", Redrive);
        group.MapDelete("/{name}/messages", Purge);
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<ErrorQueueView>>, ProblemHttpResult>> List(IServiceProvider services, CancellationToken ct)
    {
        var (broker, queues) = Resolve(services);
        if (broker is null) return InMemory();
        try
        {
            var depths = await broker.DepthsAsync(queues.ErrorQueues, ct);
            services.GetService<ErrorQueueMonitor>()?.Record(depths);
            return TypedResults.Ok<IReadOnlyList<ErrorQueueView>>(
                [.. depths.Select(d => new ErrorQueueView(d.Key, ServiceQueues.OriginalOf(d.Key), d.Value))]);
        }
        catch (ErrorQueueUnavailableException e)
        {
            return Unavailable(e);
        }
    }

    private static async Task<Results<Ok<IReadOnlyList<ParkedMessage>>, ProblemHttpResult>> Messages(
        string name, int? limit, IServiceProvider services, CancellationToken ct)
    {
        var (broker, queues) = Resolve(services);
        if (broker is null) return InMemory();
        if (!queues.IsErrorQueue(name)) return UnknownQueue(name, queues);
        if (limit is < 1 or > MaxPeek) return Problems.Invalid("limit", $"The limit is 1 to {MaxPeek}.");
        try
        {
            return TypedResults.Ok(await broker.PeekAsync(name, limit ?? 10, ct));
        }
        catch (ErrorQueueUnavailableException e)
        {
            return Unavailable(e);
        }
    }

    private static async Task<Results<Ok<RedriveResult>, ProblemHttpResult>> Redrive(
        string name, int? limit, IServiceProvider services, CancellationToken ct)
    {
        var (broker, queues) = Resolve(services);
        if (broker is null) return InMemory();
        if (!queues.IsErrorQueue(name)) return UnknownQueue(name, queues);
        if (limit is < 1 or > MaxRedrive) return Problems.Invalid("limit", $"The limit is 1 to {MaxRedrive}.");
        try
        {
            var moved = await broker.RedriveAsync(name, limit ?? MaxRedrive, ct);
            services.GetService<ErrorQueueMonitor>()?.Changed();
            return TypedResults.Ok(new RedriveResult(name, ServiceQueues.OriginalOf(name), moved));
        }
        catch (ErrorQueueUnavailableException e)
        {
            return Unavailable(e);
        }
    }

    private static async Task<Results<Ok<PurgeResult>, ProblemHttpResult>> Purge(string name, IServiceProvider services, CancellationToken ct)
    {
        var (broker, queues) = Resolve(services);
        if (broker is null) return InMemory();
        if (!queues.IsErrorQueue(name)) return UnknownQueue(name, queues);
        try
        {
            var purged = await broker.PurgeAsync(name, ct);
            services.GetService<ErrorQueueMonitor>()?.Changed();
            return TypedResults.Ok(new PurgeResult(name, purged));
        }
        catch (ErrorQueueUnavailableException e)
        {
            return Unavailable(e);
        }
    }

    private static (ErrorQueueBroker? Broker, ServiceQueues Queues) Resolve(IServiceProvider services) =>
        (services.GetService<ErrorQueueBroker>(), services.GetRequiredService<ServiceQueues>());

    private static ProblemHttpResult UnknownQueue(string name, ServiceQueues queues) => Problems.NotFound(
        $"'{name}' is not an error queue of this service; its error queues are: {string.Join(", ", queues.ErrorQueues)}.");

    private static ProblemHttpResult InMemory() => Problems.Conflict(
        "This host runs the in-memory bus (Messaging:Transport=InMemory), which keeps no error queues to read; " +
        "a message that fails there is logged with its exception.");

    private static ProblemHttpResult Unavailable(ErrorQueueUnavailableException e) =>
        Problems.Status(StatusCodes.Status503ServiceUnavailable, "Service Unavailable", e.Message);
}
