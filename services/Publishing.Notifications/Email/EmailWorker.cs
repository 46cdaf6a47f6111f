using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Publishing.Messaging;
using Publishing.Messaging.Workers;
using Publishing.Notifications.Data;

namespace Publishing.Notifications.Email;

/// <summary>
/// Sends queued e-mail through <see cref="IEmailSender"/>, claiming rows under a lease like the
/// delivery worker; a message the mail server does not take is retried for about two days, so an
/// SMTP outage delays mail but loses none.
/// </summary>
public sealed class EmailWorker(
    IServiceScopeFactory scopes,
    DatabaseReady<NotificationsDbContext> ready,
    EmailSignal signal,
    IEmailSender sender,
    IOptions<EmailOptions> options,
    TimeProvider clock,
    ILogger<EmailWorker> log) : BackgroundService
{
    private const int BatchSize = 20;
    private readonly MailboxAddress _from = MailboxAddress.Parse(options.Value.Smtp.From);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan[] Delays =
    [
        TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(8),
        TimeSpan.FromHours(12), TimeSpan.FromHours(24),
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ready.WaitAsync(stoppingToken);
        var loop = new DrainLoop(clock)
        {
            Signal = signal,
            Interval = options.Value.PollInterval,
            OnFailure = ex => log.LogError(ex, "Sending queued e-mail failed; trying again after the poll interval"),
        };
        await loop.RunAsync(async ct => await RunBatchAsync(ct) >= BatchSize, stoppingToken);
    }

    /// <returns>How many rows were claimed.</returns>
    public async Task<int> RunBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var token = Guid.NewGuid().ToString("N");
        var now = clock.GetUtcNow();
        var claimed = await JobClaims.ClaimEmailsAsync(
            db, token, now.ToUnixTimeMilliseconds(), (now + Lease).ToUnixTimeMilliseconds(), BatchSize, ct);
        if (claimed == 0) return 0;

        var rows = await db.OutgoingEmails.Where(m => m.LockToken == token).OrderBy(m => m.Id).ToListAsync(ct);
        foreach (var row in rows)
        {
            row.Attempts++;
            row.LockToken = null;
            try
            {
                await sender.SendAsync(ToMessage(row), ct);
                row.State = EmailStates.Sent;
                row.SentAt = clock.GetUtcNow();
                row.LastError = null;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                row.LastError = ex.Message.Length <= 2000 ? ex.Message : ex.Message[..2000];
                if (row.Attempts > Delays.Length)
                {
                    row.State = EmailStates.Failed;
                    log.LogError(ex, "E-mail {Id} to {To} failed for good after {Attempts} attempts", row.Id, row.ToAddress, row.Attempts);
                }
                else
                {
                    var wait = Delays[row.Attempts - 1] * (0.9 + 0.2 * Random.Shared.NextDouble());
                    row.NextAttemptAt = (clock.GetUtcNow() + wait).ToUnixTimeMilliseconds();
                    log.LogWarning(ex, "E-mail {Id} to {To} was not accepted (attempt {Attempts}); retrying in {Wait}",
                        row.Id, row.ToAddress, row.Attempts, wait);
                }
            }
            // Each outcome is stored at once, so a crash later in the batch does not send this one again.
            await db.SaveChangesAsync(CancellationToken.None);
        }
        return claimed;
    }

    public MimeMessage ToMessage(OutgoingEmail row)
    {
        var message = new MimeMessage
        {
            // Stable across retries, so a relay or reader can recognise a second copy.
            MessageId = $"notification-{row.Id}-{row.CreatedAt.ToUnixTimeMilliseconds()}@publishing",
            Subject = row.Subject,
            Date = row.CreatedAt,
            Body = new TextPart("plain") { Text = row.Body },
        };
        message.From.Add(_from);
        message.To.Add(new MailboxAddress(row.ToName, row.ToAddress));
        message.Headers.Add("X-Publishing-Kind", row.Kind);
        return message;
    }
}
