using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Publishing.Messaging.Workers;

namespace Publishing.Messaging.Outbox;

/// <summary>Claims a batch of stored events, publishes them, and records what the broker confirmed.</summary>
public sealed class OutboxRelay<TDbContext>(
    IServiceScopeFactory scopes,
    IOutboxPublisher publisher,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxRelay<TDbContext>> log)
    where TDbContext : DbContext
{
    internal static readonly ActivitySource Activities = new("Publishing.Messaging");
    private readonly OutboxOptions _options = options.Value;

    /// <returns>The number of rows claimed (a full batch means more may be waiting).</returns>
    public async Task<int> RelayBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var outbox = db.Set<OutboxMessage>();

        var token = Guid.NewGuid().ToString("N");
        var now = clock.GetUtcNow();
        var claimed = await OutboxClaim.ClaimAsync(
            db, token, now.ToUnixTimeMilliseconds(), (now + _options.LockDuration).ToUnixTimeMilliseconds(),
            _options.BatchSize, ct);
        if (claimed == 0) return 0;

        // The claim is short, so a dead dispatcher's rows are sent by another within seconds; while
        // this one still publishes and records, the heartbeat keeps it.
        await using var lease = new LeaseHeartbeat(_options.LockDuration, now, clock,
            async (until, t) =>
            {
                // Its own context: the batch's is busy reading and recording meanwhile.
                await using var renewal = scopes.CreateAsyncScope();
                await OutboxClaim.RenewAsync(renewal.ServiceProvider.GetRequiredService<TDbContext>(), token, until.ToUnixTimeMilliseconds(), t);
            },
            ex => log.LogWarning(ex, "Renewing the outbox claim of {Context} failed; it is lost unless the next renewal gets through", typeof(TDbContext).Name));

        var rows = await outbox.AsNoTracking()
            .Where(m => m.LockToken == token && m.SentAt == null)
            .OrderBy(m => m.Sequence)
            .ToListAsync(ct);

        var outcomes = await Task.WhenAll(rows.Select(row => PublishOneAsync(row, lease.Lost, ct)));

        // Record what the broker confirmed even if we are shutting down: a row left unmarked is
        // sent again later, which consumers tolerate, but it is wasted work. Every statement is
        // guarded by the token, so nothing is recorded on a row another dispatcher has taken since.
        using var recordTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var sent = rows.Where((_, i) => outcomes[i] is null).Select(r => r.Sequence).ToList();
        if (sent.Count > 0)
        {
            var sentAt = clock.GetUtcNow();
            await outbox.Where(m => sent.Contains(m.Sequence) && m.LockToken == token)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.SentAt, sentAt)
                    .SetProperty(m => m.LockToken, (string?)null)
                    .SetProperty(m => m.LockedUntil, 0L)
                    .SetProperty(m => m.LastError, (string?)null), recordTimeout.Token);
        }

        if (lease.Lost.IsCancellationRequested)
        {
            // Not a failure of those rows: they are left to run out their claim and be sent again.
            log.LogWarning("The outbox claim of {Context} could not be renewed; {Count} unconfirmed rows are left to the next claim",
                typeof(TDbContext).Name, rows.Count - sent.Count);
            return claimed;
        }

        for (var i = 0; i < rows.Count; i++)
        {
            if (outcomes[i] is not { } error) continue;
            var row = rows[i];
            var retryAt = clock.GetUtcNow() + Backoff(row.Attempts + 1);
            var message = Truncate(error, 2000);
            await outbox.Where(m => m.Sequence == row.Sequence && m.LockToken == token)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.LockToken, (string?)null)
                    .SetProperty(m => m.LockedUntil, retryAt.ToUnixTimeMilliseconds())
                    .SetProperty(m => m.LastError, message), recordTimeout.Token);
        }

        return claimed;
    }

    /// <summary>Deletes sent rows older than the retention period.</summary>
    public Task<int> DeleteSentAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var cutoff = clock.GetUtcNow() - _options.SentRetention;
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        return db.Set<OutboxMessage>().Where(m => m.SentAt != null && m.SentAt < cutoff).ExecuteDeleteAsync(ct);
    }

    /// <param name="lost">Cancelled when the claim could not be renewed: the publish is abandoned.</param>
    /// <returns>null when the broker confirmed, otherwise why not.</returns>
    private async Task<string?> PublishOneAsync(OutboxMessage row, CancellationToken lost, CancellationToken ct)
    {
        var type = OutboxExtensions.ResolveType(row.MessageType);
        if (type is null)
            return $"Unknown message type '{row.MessageType}'.";

        object message;
        try
        {
            message = JsonSerializer.Deserialize(row.Body, type, OutboxExtensions.Json)
                ?? throw new JsonException("The stored body is null.");
        }
        catch (JsonException ex)
        {
            log.LogError(ex, "Outbox row {Sequence} has a body that no longer reads as {Type}", row.Sequence, type);
            return $"Unreadable body: {ex.Message}";
        }

        // Continue the trace of the request that stored the event, so it follows the message.
        using var activity = row.TraceParent is { } parent
            ? Activities.StartActivity("outbox relay", ActivityKind.Producer, parent)
            : Activities.StartActivity("outbox relay", ActivityKind.Producer);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct, lost);
        timeout.CancelAfter(_options.PublishTimeout);
        try
        {
            await publisher.PublishAsync(message, type, row.MessageId, timeout.Token);
            return null;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested && lost.IsCancellationRequested)
        {
            return "The claim could not be renewed before the broker confirmed.";
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            log.LogWarning("The broker did not confirm outbox message {MessageId} within {Timeout}", row.MessageId, _options.PublishTimeout);
            return $"The broker did not confirm within {_options.PublishTimeout}.";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning(ex, "Publishing outbox message {MessageId} failed", row.MessageId);
            return ex.Message;
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var ms = 250 * Math.Pow(2, Math.Min(attempt, 16));
        return TimeSpan.FromMilliseconds(Math.Min(ms, _options.MaxBackoff.TotalMilliseconds));
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
