using System.Net.Http.Headers;
using Publishing.Notifications.Webhooks;
using Xunit;

namespace Publishing.Notifications.Tests.Webhooks;

public sealed class ScheduleTests
{
    [Fact]
    public void The_schedule_runs_ten_attempts_over_more_than_a_day_with_ten_percent_jitter()
    {
        Assert.Equal(10, RetrySchedule.MaxAttempts);
        var total = RetrySchedule.Delays.Aggregate(TimeSpan.Zero, (a, b) => a + b);
        Assert.True(total > TimeSpan.FromDays(1));
        Assert.Equal(TimeSpan.FromSeconds(4.5), RetrySchedule.After(1, 0.0));
        Assert.Equal(TimeSpan.FromSeconds(5.5), RetrySchedule.After(1, 1.0));
        Assert.Equal(TimeSpan.FromHours(24), RetrySchedule.After(9, 0.5));
        Assert.Null(RetrySchedule.After(10, 0.5));
    }

    [Fact]
    public void A_site_s_Retry_After_delays_a_retry_up_to_a_day_but_never_brings_it_forward()
    {
        // The schedule says 5 minutes (±10%) after the second failure.
        Assert.Equal(TimeSpan.FromMinutes(5), RetrySchedule.After(2, 0.5, null));
        Assert.Equal(TimeSpan.FromMinutes(5), RetrySchedule.After(2, 0.5, TimeSpan.FromSeconds(10)));
        Assert.Equal(TimeSpan.FromMinutes(40), RetrySchedule.After(2, 0.5, TimeSpan.FromMinutes(40)));
        Assert.Equal(TimeSpan.FromHours(24), RetrySchedule.After(2, 0.5, TimeSpan.FromDays(30)));
        // A spent schedule stays spent, whatever the site asks.
        Assert.Null(RetrySchedule.After(10, 0.5, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void Retry_After_reads_seconds_and_dates_and_never_goes_negative()
    {
        var now = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromSeconds(120), WebhookSender.RetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(120)), now));
        Assert.Equal(TimeSpan.FromMinutes(10), WebhookSender.RetryAfter(RetryConditionHeaderValue.Parse("Fri, 27 Nov 2026 12:10:00 GMT"), now));
        Assert.Equal(TimeSpan.Zero, WebhookSender.RetryAfter(RetryConditionHeaderValue.Parse("Fri, 27 Nov 2026 11:00:00 GMT"), now));
        Assert.Null(WebhookSender.RetryAfter(null, now));
    }

    [Fact]
    public void A_webhook_id_is_stable_for_one_message_and_subscription_and_differs_otherwise()
    {
        var message = Guid.NewGuid();
        var subscription = Guid.NewGuid();
        var id = WebhookPayload.WebhookId(message, subscription);
        Assert.Matches("^msg_[0-9a-f]{32}$", id);
        Assert.Equal(id, WebhookPayload.WebhookId(message, subscription));
        Assert.NotEqual(id, WebhookPayload.WebhookId(message, Guid.NewGuid()));
        Assert.NotEqual(id, WebhookPayload.WebhookId(Guid.NewGuid(), subscription));
    }
}
