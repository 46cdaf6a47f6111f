using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Publishing.Authoring.Data;
using Publishing.Authoring.ReviewOutcomes;
using Publishing.Contracts;
using Publishing.Messaging;
using Publishing.Messaging.Workers;

namespace Publishing.Authoring.GoLive;

/// <summary>
/// Publishes every scheduled item whose go-live time has come, through <see cref="Publication"/>.
/// The row is the truth, never a timer: a pass reads what is due from the database, so a restart or
/// another instance picks up whatever is due. Each item is published in its own transaction whose
/// update requires the item to be still scheduled for the time read (both are concurrency tokens):
/// of two instances, or of a pass and an editor moving the time, exactly one wins and the loser
/// changes nothing, so the <see cref="ContentPublished"/> is staged once. Between passes a timer on
/// the injected clock wakes the loop at the next go-live time; the interval catches schedules set
/// by another instance.
/// </summary>
public sealed class ScheduledPublisher(
    IServiceScopeFactory scopes,
    DatabaseReady<AuthoringDbContext> ready,
    ScheduleSignal signal,
    IOptions<ScheduledPublisherOptions> options,
    TimeProvider clock,
    ILogger<ScheduledPublisher> log) : BackgroundService
{
    private ITimer? _next;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ready.WaitAsync(stoppingToken);
        var loop = new DrainLoop(clock)
        {
            Interval = options.Value.Interval,
            Signal = signal,
            OnFailure = ex => log.LogError(ex, "Publishing scheduled items failed; the next pass tries again"),
        };
        try
        {
            await loop.RunAsync(PassAsync, stoppingToken);
        }
        finally
        {
            _next?.Dispose();
        }
    }

    /// <summary>Publishes what is due now, then arms the wake-up for the next go-live time.</summary>
    /// <returns>true when the batch was full, so more may be due.</returns>
    public async Task<bool> PassAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthoringDbContext>();
        var now = clock.GetUtcNow();
        var due = await db.Content.AsNoTracking()
            .Where(c => c.Status == ContentStatus.Scheduled && c.PublishAt <= now)
            .OrderBy(c => c.PublishAt)
            .Select(c => c.Id)
            .Take(options.Value.BatchSize)
            .ToListAsync(ct);

        var publication = scope.ServiceProvider.GetRequiredService<Publication>();
        foreach (var id in due) await PublishAsync(db, publication, id, ct);
        if (due.Count == options.Value.BatchSize) return true;

        var next = await db.Content.AsNoTracking()
            .Where(c => c.Status == ContentStatus.Scheduled && c.PublishAt != null)
            .OrderBy(c => c.PublishAt)
            .Select(c => c.PublishAt)
            .FirstOrDefaultAsync(ct);
        WakeAt(next);
        return false;
    }

    private async Task PublishAsync(AuthoringDbContext db, Publication publication, Guid id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var now = clock.GetUtcNow();
        var item = await db.Content.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (item is not { Status: ContentStatus.Scheduled, PublishAt: { } at } || at > now || item.OpenReviewId is not { } submissionId)
            return; // published, moved or cancelled since the pass read it
        var submission = await db.Submissions.SingleAsync(s => s.Id == submissionId, ct);
        var revision = await db.Revisions.SingleAsync(r => r.ContentId == item.Id && r.Number == submission.Revision, ct);
        var approvals = submission.Approvals is null ? [] : JsonSerializer.Deserialize<List<Approval>>(submission.Approvals, JsonSerializerOptions.Web)!;
        publication.Publish(db, item, revision, submission, approvals, now);
        try
        {
            await db.SaveChangesAsync(ct);
            log.LogInformation("Published {Slug} revision {Revision}, scheduled for {PublishAt}", item.Slug, revision.Number, at);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another instance published it, or an editor moved or cancelled the time: nothing of ours is kept.
            log.LogInformation("{Slug} changed while going live on schedule; the next pass decides again", item.Slug);
        }
    }

    /// <summary>A wake-up only: when it fires the pass reads the database again, so a stale timer costs one pass.</summary>
    private void WakeAt(DateTimeOffset? next)
    {
        _next?.Dispose();
        _next = null;
        if (next is not { } at) return;
        var wait = at - clock.GetUtcNow();
        if (wait <= TimeSpan.Zero)
        {
            signal.Notify();
            return;
        }
        // A single timer cannot wait beyond about 49 days; the interval's passes re-arm it long before then.
        if (wait > TimeSpan.FromDays(45)) return;
        _next = clock.CreateTimer(_ => signal.Notify(), null, wait, Timeout.InfiniteTimeSpan);
    }
}
