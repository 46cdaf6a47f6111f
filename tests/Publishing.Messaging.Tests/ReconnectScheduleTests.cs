using MassTransit;
using MassTransit.Middleware;
using Publishing.Messaging.Bus;
using RabbitMQ.Client.Exceptions;
using Xunit;

namespace Publishing.Messaging.Tests;

/// <summary>
/// A service notices its broker's return within seconds: the reconnect policy put in place of MassTransit's
/// (whose waits grow to 30 s) takes, and keeps every wait about 5 s at most however long
/// the broker stays away. If a MassTransit upgrade moves the policy, the first test fails here before a
/// deployment finds out.
/// </summary>
public sealed class ReconnectScheduleTests
{
    [Fact]
    public void The_bus_uses_the_short_schedule_in_place_of_MassTransits()
    {
        IRetryPolicy? before = null, after = null;
        var applied = false;
        MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host("127.0.0.1", "/", _ => { });
            before = ReconnectSchedule.Current(cfg);
            applied = ReconnectSchedule.TryApply(cfg);
            after = ReconnectSchedule.Current(cfg);
        });

        Assert.NotNull(before);
        Assert.True(applied);
        Assert.NotNull(after);
        Assert.NotSame(before, after);
    }

    [Fact]
    public void A_lost_broker_is_tried_again_every_few_seconds_however_long_it_is_away()
    {
        var context = ReconnectSchedule.Create().CreatePolicyContext(new Probe());
        Assert.True(context.CanRetry(new ConnectionException("Broker unreachable"), out var retry));
        var waits = new List<TimeSpan>();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            waits.Add(retry.Delay ?? TimeSpan.Zero);
            Assert.True(retry.CanRetry(new ConnectionException("Broker unreachable"), out retry));
        }

        // MassTransit spreads each wait by up to a quarter either way, so instances do not retry in step.
        Assert.All(waits, w => Assert.InRange(w, TimeSpan.Zero, ReconnectSchedule.MaxInterval * 1.25));
        Assert.True(waits.Skip(10).Min() >= ReconnectSchedule.MaxInterval * 0.75, "the waits grow to about the cap and stay there");
    }

    [Fact]
    public void Wrong_credentials_are_not_retried_as_if_the_broker_were_away()
    {
        var context = ReconnectSchedule.Create().CreatePolicyContext(new Probe());
        Assert.False(context.CanRetry(new AuthenticationFailureException("ACCESS_REFUSED"), out _));
    }

    private sealed class Probe : BasePipeContext, PipeContext;
}
