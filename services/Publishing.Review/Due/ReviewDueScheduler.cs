using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Publishing.Contracts;
using Publishing.Messaging;
using Publishing.Messaging.Outbox;
using Publishing.Messaging.Workers;
using Publishing.Review.Data;

namespace Publishing.Review.Due;

/// <summary>
/// Emits <see cref="ReviewDue"/> once per item per cycle: "due" when its next review date comes within
/// the window, "overdue" once the date has passed. The cycle is the NextReviewDue value itself, and the
/// marker recording what was sent for it commits with the outbox row, so a restart never sends twice.
/// Time comes only from the injected <see cref="TimeProvider"/>, so a test's fake clock drives it.
/// </summary>
public sealed class ReviewDueScheduler(
    IServiceScopeFactory scopes,
    DatabaseReady<ReviewDbContext> ready,
    IOptions<ReviewDueOptions> options,
    TimeProvider clock,
    ILogger<ReviewDueScheduler> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ready.WaitAsync(stoppingToken);
        // Nothing wakes it early: the schedule is checked on the interval (any length) and at start.
        var loop = new DrainLoop(clock)
        {
            Interval = options.Value.Interval,
            OnFailure = ex => log.LogError(ex, "The review-due check failed; it runs again after the interval"),
        };
        await loop.RunAsync(async ct =>
        {
            await RunOnceAsync(ct);
            return false;
        }, stoppingToken);
    }

    /// <summary>Stages every reminder that is due now.</summary>
    /// <returns>How many reminders were staged.</returns>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var sent = 0;
        while (true)
        {
            var (handled, staged) = await RunBatchAsync(ct);
            sent += staged;
            // Every item handled leaves the candidate set, so a short batch means nothing is left.
            if (handled < options.Value.BatchSize) return sent;
        }
    }

    private async Task<(int Handled, int Staged)> RunBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReviewDbContext>();
        var now = clock.GetUtcNow();
        var windowEnd = now + options.Value.Window;

        // Read inside the transaction so the markers seen are the ones this batch overwrites.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // LastReviewed is required too: ReviewDue carries it, and Authoring always sets both dates together.
        var items = await db.PublishedItems
            .Where(i => !i.Withdrawn && i.LastReviewed != null && i.NextReviewDue != null
                && ((i.NextReviewDue <= windowEnd && i.DueNotifiedFor != i.NextReviewDue)
                    || (i.NextReviewDue <= now && i.OverdueNotifiedFor != i.NextReviewDue)))
            .OrderBy(i => i.NextReviewDue)
            .ThenBy(i => i.ContentId)
            .Take(options.Value.BatchSize)
            .ToListAsync(ct);

        var staged = 0;
        foreach (var item in items)
        {
            var due = item.NextReviewDue!.Value;
            var overdue = now >= due;
            if (overdue ? item.OverdueNotifiedFor != due : item.DueNotifiedFor != due)
            {
                db.AddOutboxMessage(new ReviewDue(
                    item.ContentId, item.Slug, item.Revision, item.LastReviewed!.Value, due, overdue, now), now);
                staged++;
            }
            // Past the date a "due soon" is noise: the overdue reminder stands for both.
            item.DueNotifiedFor = due;
            if (overdue) item.OverdueNotifiedFor = due;
        }

        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another instance sent these reminders, or a date moved under us: nothing of this batch
            // is kept, and the next run decides again from what is stored.
            log.LogInformation("A review-due batch lost a race with another writer; the next run decides again");
            return (0, 0);
        }

        if (staged > 0) log.LogInformation("Staged {Count} review-due reminders", staged);
        return (items.Count, staged);
    }
}
