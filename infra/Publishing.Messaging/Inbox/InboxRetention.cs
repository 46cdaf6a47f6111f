using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Publishing.ServiceDefaults.Hosting;

namespace Publishing.Messaging.Inbox;

/// <summary><c>Messaging:Inbox</c>.</summary>
public sealed class InboxOptions
{
    /// <summary>
    /// How long a handled message's inbox row is kept: a redelivery within it has no second effect. Longer
    /// than any redelivery takes (an outbox re-send, a broker redelivery, a re-drive from an error queue).
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(14);
}

/// <summary>
/// Deletes a context's inbox rows older than <see cref="InboxOptions.Retention"/>; the outbox sweeper
/// (<see cref="Outbox.OutboxDispatcher{TDbContext}"/>) calls it when it deletes sent outbox rows, hourly.
/// </summary>
public sealed class InboxRetention<TDbContext> where TDbContext : DbContext
{
    /// <summary>A shorter window would let an ordinary redelivery have a second effect.</summary>
    public static readonly TimeSpan MinimumRetention = TimeSpan.FromDays(1);

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _retention;

    public InboxRetention(IServiceScopeFactory scopes, IOptions<InboxOptions> options, TimeProvider clock)
    {
        _scopes = scopes;
        _clock = clock;
        _retention = options.Value.Retention;
        if (_retention < MinimumRetention)
            throw new StartupRefusedException(
                $"Messaging:Inbox:Retention is {_retention}; it must be at least {MinimumRetention} (a redelivery after it would have a second effect).");
    }

    /// <returns>How many rows were deleted.</returns>
    public async Task<int> TrimAsync(CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var cutoff = _clock.GetUtcNow() - _retention;
        return await scope.ServiceProvider.GetRequiredService<TDbContext>().Set<InboxMessage>()
            .Where(m => m.ReceivedAt < cutoff).ExecuteDeleteAsync(ct);
    }
}
