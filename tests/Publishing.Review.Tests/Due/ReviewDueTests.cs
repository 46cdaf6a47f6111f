using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Publishing.Contracts;
using Publishing.Review.Tests.Api;
using Publishing.Testing;
using Xunit;

namespace Publishing.Review.Tests.Due;

/// <summary>Review-due reminders, driven by a fake clock: once per item per cycle, across a restart.</summary>
public sealed class ReviewDueTests : IDisposable
{
    private readonly TempDirectory _data = new();

    // Whole seconds: SQLite keeps dates to 0.1 ms, and the reminders carry the stored date.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    private static async Task<List<ReviewDue>> RemindersAsync(ReviewApi api, Guid contentId) =>
        (await api.EventsAsync<ReviewDue>()).Where(e => e.ContentId == contentId).ToList();

    [Fact]
    public async Task Due_and_overdue_are_sent_once_per_cycle_even_across_a_restart()
    {
        var contentId = Guid.NewGuid();
        var slug = Events.Slug("regorafenib");
        var lastReviewed = _clock.GetUtcNow().AddYears(-3).AddDays(60);
        var due = _clock.GetUtcNow().AddDays(60);

        using (var api = ReviewApi.WithClock(_clock, _data.Path))
        {
            Assert.Same(_clock, api.Services.GetRequiredService<TimeProvider>());
            await api.PublishAndWaitAsync(Events.Published(contentId, slug, 4, lastReviewed, due), "RecordPublishedConsumer");

            await api.RunSchedulerAsync();
            var reminder = Assert.Single(await RemindersAsync(api, contentId));
            Assert.Equal((slug, 4, lastReviewed, due, false), (reminder.Slug, reminder.Revision, reminder.LastReviewed, reminder.NextReviewDue, reminder.Overdue));

            await api.RunSchedulerAsync();
            Assert.Single(await RemindersAsync(api, contentId));
        }

        // A new process on the same database: the marker committed with the reminder, so nothing repeats.
        using (var api = ReviewApi.WithClock(_clock, _data.Path))
        {
            await api.RunSchedulerAsync();
            Assert.Single(await RemindersAsync(api, contentId));

            _clock.Advance(TimeSpan.FromDays(61));
            await api.RunSchedulerAsync();
            var reminders = await RemindersAsync(api, contentId);
            Assert.Equal([false, true], reminders.Select(r => r.Overdue));
            Assert.Equal(due, reminders[1].NextReviewDue);

            await api.RunSchedulerAsync();
            Assert.Equal(2, (await RemindersAsync(api, contentId)).Count);

            // A periodic review moves the date three years on: a new cycle, quiet until its window opens.
            var reviewed = _clock.GetUtcNow();
            var nextDue = reviewed.AddYears(3);
            await api.PublishAndWaitAsync(Events.Confirmed(contentId, slug, 4, reviewed, nextDue), "RecordReviewConfirmedConsumer");
            await api.RunSchedulerAsync();
            Assert.Equal(2, (await RemindersAsync(api, contentId)).Count);

            _clock.Advance(nextDue - reviewed - TimeSpan.FromDays(89));
            await api.RunSchedulerAsync();
            await api.RunSchedulerAsync();
            reminders = await RemindersAsync(api, contentId);
            Assert.Equal(3, reminders.Count);
            Assert.Equal((nextDue, false, reviewed), (reminders[2].NextReviewDue, reminders[2].Overdue, reminders[2].LastReviewed));
        }
    }

    [Fact]
    public async Task Withdrawn_items_and_items_outside_the_window_get_no_reminder()
    {
        var now = _clock.GetUtcNow();
        var (withdrawn, later) = (Guid.NewGuid(), Guid.NewGuid());
        var withdrawnSlug = Events.Slug("olaratumab");

        using var api = ReviewApi.WithClock(_clock, _data.Path);
        await api.PublishAndWaitAsync(Events.Published(withdrawn, withdrawnSlug, 1, now.AddYears(-3), now.AddDays(10)), "RecordPublishedConsumer");
        await api.PublishAndWaitAsync(Events.Withdrawn(withdrawn, withdrawnSlug, 1), "RecordWithdrawnConsumer");
        await api.PublishAndWaitAsync(Events.Published(later, Events.Slug("imatinib"), 1, now, now.AddDays(91)), "RecordPublishedConsumer");

        await api.RunSchedulerAsync();

        Assert.Empty(await RemindersAsync(api, withdrawn));
        Assert.Empty(await RemindersAsync(api, later));
    }

    [Fact]
    public async Task An_item_first_seen_past_its_date_gets_one_overdue_reminder_only()
    {
        var now = _clock.GetUtcNow();
        var contentId = Guid.NewGuid();

        using var api = ReviewApi.WithClock(_clock, _data.Path);
        await api.PublishAndWaitAsync(Events.Published(contentId, Events.Slug("pazopanib"), 1, now.AddYears(-3), now.AddDays(-1)), "RecordPublishedConsumer");

        await api.RunSchedulerAsync();
        await api.RunSchedulerAsync();

        var reminder = Assert.Single(await RemindersAsync(api, contentId));
        Assert.True(reminder.Overdue);
    }

    public void Dispose() => _data.Dispose();
}
