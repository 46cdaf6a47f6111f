using Microsoft.EntityFrameworkCore;
using Publishing.Messaging;
using Publishing.Notifications.Data;

namespace Publishing.Notifications.Webhooks;

/// <summary>
/// At every start, before the delivery worker, encrypts the secrets an earlier version stored in clear
/// (recognised by their <c>whsec_</c> prefix). A start-up step rather than an EF migration: migrations
/// run SQL and cannot reach the Data Protection key ring, and this also catches rows written by an
/// old instance during a rolling upgrade or restored from an old backup. Each row is replaced only if
/// it still holds the clear value, so instances starting together cannot overwrite each other.
/// </summary>
public sealed class ClearSecretsEncryption(
    IServiceScopeFactory scopes, DatabaseReady<NotificationsDbContext> ready, WebhookSecrets secrets,
    ILogger<ClearSecretsEncryption> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await ready.WaitAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var clear = await db.Subscriptions.AsNoTracking()
            .Where(s => s.Secret.StartsWith(WebhookSecrets.ClearPrefix))
            .Select(s => new { s.Id, s.Secret })
            .ToListAsync(cancellationToken);
        var encrypted = 0;
        foreach (var row in clear)
        {
            var stored = secrets.Protect(row.Secret);
            encrypted += await db.Subscriptions.Where(s => s.Id == row.Id && s.Secret == row.Secret)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Secret, stored), cancellationToken);
        }
        if (encrypted > 0) log.LogInformation("Encrypted {Count} webhook secrets that were stored in clear", encrypted);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
