using System.Reflection;
using MassTransit;
using MassTransit.RabbitMqTransport;
using RabbitMQ.Client.Exceptions;

namespace Publishing.Messaging.Bus;

/// <summary>
/// How soon a service tries the broker again after losing it. MassTransit retries each receive endpoint's
/// (and each send's) connection at waits growing to 30 s, so once the broker has been away half a minute a
/// service may notice its return only 30 s later: its queues go unconsumed and its outbox unsent meanwhile.
/// Here the waits grow to <see cref="MaxInterval"/> instead: a service is back within seconds of its broker,
/// at the cost of one connection attempt per endpoint every few seconds while the broker is down.
/// </summary>
/// <remarks>
/// MassTransit 8 offers no setting for it: the policy is a get-only property of its RabbitMQ host
/// configuration, read when each endpoint starts. It is replaced before the bus starts, with the same
/// exceptions handled and ignored as MassTransit's own policy; only the waits change. If a later MassTransit
/// moves it, <see cref="TryApply"/> returns false and the host logs that it kept MassTransit's schedule
/// (ReconnectScheduleTests fails first).
/// </remarks>
public static class ReconnectSchedule
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(5);

    private const string HostConfigurationField = "_hostConfiguration";
    private const string PolicyField = "<ReceiveTransportRetryPolicy>k__BackingField";

    /// <summary>The policy: MassTransit's exception filters, waits from 1 s growing to 5 s (each spread by up to a quarter, as MassTransit does).</summary>
    public static IRetryPolicy Create() => MassTransit.Retry.CreatePolicy(x =>
    {
        x.Handle<ConnectionException>();
        x.Handle<AlreadyClosedException>();
        x.Handle<EndOfStreamException>();
        x.Handle<OperationInterruptedException>(e => e.ChannelShouldBeClosed());
        x.Handle<NotSupportedException>(e => e.Message.Contains("Pipelining of requests forbidden"));
        x.Ignore<AuthenticationFailureException>();
        x.Exponential(int.MaxValue, MinInterval, MaxInterval, TimeSpan.FromSeconds(1));
    });

    /// <summary>Puts <see cref="Create"/> in place of MassTransit's reconnect policy; false when this MassTransit has no such place.</summary>
    public static bool TryApply(IRabbitMqBusFactoryConfigurator configurator)
    {
        if (PolicyOf(configurator) is not var (host, policy)) return false;
        policy.SetValue(host, Create());
        return true;
    }

    /// <summary>The policy a configurator's host will use, to check <see cref="TryApply"/> took.</summary>
    public static IRetryPolicy? Current(IRabbitMqBusFactoryConfigurator configurator) =>
        PolicyOf(configurator) is var (host, policy) ? policy.GetValue(host) as IRetryPolicy : null;

    /// <summary>The host configuration behind a configurator and its reconnect policy's field, if this MassTransit has them.</summary>
    private static (object Host, FieldInfo Policy)? PolicyOf(IRabbitMqBusFactoryConfigurator configurator)
    {
        var host = FindField(configurator.GetType(), HostConfigurationField)?.GetValue(configurator);
        var policy = host is null ? null : FindField(host.GetType(), PolicyField);
        return host is not null && policy is not null && policy.FieldType.IsAssignableFrom(typeof(IRetryPolicy)) ? (host, policy) : null;
    }

    private static FieldInfo? FindField(Type? type, string name)
    {
        for (; type is not null; type = type.BaseType)
            if (type.GetField(name, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.DeclaredOnly) is { } field)
                return field;
        return null;
    }
}
