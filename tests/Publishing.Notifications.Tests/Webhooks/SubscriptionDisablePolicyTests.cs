using Publishing.Notifications.Webhooks;
using Xunit;

namespace Publishing.Notifications.Tests.Webhooks;

/// <summary>When a subscription is disabled, as pure rules: no database, no clock, no receiver.</summary>
public sealed class SubscriptionDisablePolicyTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);
    private static readonly TimeSpan FiveDays = TimeSpan.FromDays(5);

    private static AttemptResult Status(int status) => new(status, 12, $"HTTP {status} from the endpoint", null);
    private static readonly AttemptResult NoResponse = new(null, 15000, "timed out after 15 s", null);

    [Fact]
    public void A_410_disables_at_once_even_on_the_first_failure_and_leaves_the_failing_run_as_it_was()
    {
        var first = SubscriptionDisablePolicy.AfterFailure(Status(410), null, Start, FiveDays);
        Assert.True(first.Disables);
        Assert.Equal("The endpoint answered 410 Gone.", first.DisableReason);
        Assert.Null(first.FailingSince);

        var later = SubscriptionDisablePolicy.AfterFailure(Status(410), Start, Start.AddHours(3), FiveDays);
        Assert.True(later.Disables);
        Assert.Equal(Start, later.FailingSince);
    }

    [Fact]
    public void The_first_failure_after_a_success_starts_a_failing_run_and_keeps_the_subscription()
    {
        var verdict = SubscriptionDisablePolicy.AfterFailure(Status(500), null, Start, FiveDays);
        Assert.False(verdict.Disables);
        Assert.Null(verdict.DisableReason);
        Assert.Equal(Start, verdict.FailingSince);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(404)]
    [InlineData(429)]
    [InlineData(0)] // no response at all
    public void Failures_of_any_kind_disable_once_the_run_has_lasted_the_disable_period_and_not_a_moment_before(int status)
    {
        var result = status == 0 ? NoResponse : Status(status);

        var justBefore = SubscriptionDisablePolicy.AfterFailure(result, Start, Start + FiveDays - TimeSpan.FromSeconds(1), FiveDays);
        Assert.False(justBefore.Disables);
        Assert.Equal(Start, justBefore.FailingSince);

        var atTheMark = SubscriptionDisablePolicy.AfterFailure(result, Start, Start + FiveDays, FiveDays);
        Assert.True(atTheMark.Disables);
        Assert.Equal("Every attempt has failed since 2026-03-02 09:30:00Z.", atTheMark.DisableReason);
        Assert.Equal(Start, atTheMark.FailingSince);
    }

    [Fact]
    public void The_period_is_the_one_configured()
    {
        var oneHour = TimeSpan.FromHours(1);
        Assert.True(SubscriptionDisablePolicy.AfterFailure(Status(503), Start, Start + oneHour, oneHour).Disables);
        Assert.False(SubscriptionDisablePolicy.AfterFailure(Status(503), Start, Start + oneHour, FiveDays).Disables);
    }

    [Fact]
    public void A_delivered_attempt_is_not_a_failure_to_judge()
    {
        Assert.Throws<ArgumentException>(() => SubscriptionDisablePolicy.AfterFailure(Status(200), Start, Start + FiveDays, FiveDays));
    }
}
