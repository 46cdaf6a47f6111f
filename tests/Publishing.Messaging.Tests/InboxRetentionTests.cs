using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Publishing.Messaging.Inbox;
using Publishing.ServiceDefaults.Hosting;
using Publishing.Testing;
using Xunit;

namespace Publishing.Messaging.Tests;

/// <summary>Inbox rows are kept for the retention window, long enough to stop any redelivery, then trimmed.</summary>
[Collection(RabbitMqFixture.Collection)]
public sealed class InboxRetentionTests(RabbitMqFixture rabbit) : IDisposable
{
    private readonly TempDirectory _data = new();

    // Far from the real date, so a row stamped with the real clock instead of the host's would show.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2031, 3, 1, 9, 0, 0, TimeSpan.Zero));

    private async Task<MessagingHost> StartAsync(Dictionary<string, string?>? settings = null) =>
        await MessagingHost.StartAsync(await rabbit.CreateVirtualHostAsync(), _data.Path, settings,
            builder => builder.Services.AddSingleton<TimeProvider>(_clock));

    private static async Task<Guid> ConsumeAsync(MessagingHost host, MessageTraffic traffic, string text)
    {
        var messageId = Guid.NewGuid();
        await host.Bus.Publish(new NoteAdded(Guid.NewGuid(), text), c => c.MessageId = messageId);
        await traffic.WaitUntilConsumedAsync(messageId, 1);
        return messageId;
    }

    private static Task<List<InboxMessage>> InboxAsync(MessagingHost host) =>
        host.WithDb(db => db.Set<InboxMessage>().AsNoTracking().ToListAsync());

    [Fact]
    public async Task Rows_older_than_the_window_are_trimmed_and_younger_ones_kept()
    {
        await using var host = await StartAsync();
        var traffic = MessageTraffic.Observe(host.Bus);
        var trim = host.Services.GetRequiredService<InboxRetention<TestDbContext>>();

        var old = await ConsumeAsync(host, traffic, "ponatinib: arterial occlusion");
        Assert.Equal(_clock.GetUtcNow(), Assert.Single(await InboxAsync(host)).ReceivedAt);
        _clock.Advance(TimeSpan.FromDays(13));
        var young = await ConsumeAsync(host, traffic, "ponatinib: dose reduction");

        Assert.Equal(0, await trim.TrimAsync(CancellationToken.None)); // 13 days: within the default 14
        _clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        Assert.Equal(1, await trim.TrimAsync(CancellationToken.None));

        var left = Assert.Single(await InboxAsync(host));
        Assert.Equal(young, left.MessageId);
        Assert.NotEqual(old, left.MessageId);
    }

    [Fact]
    public async Task The_hourly_sweep_trims_the_inbox_with_the_configured_window()
    {
        await using var host = await StartAsync(new() { ["Messaging:Inbox:Retention"] = "2.00:00:00" });
        var traffic = MessageTraffic.Observe(host.Bus);
        await ConsumeAsync(host, traffic, "vandetanib: QT prolongation");

        _clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(2)); // past the window and the next sweep
        await Eventually.Until(async () => (await InboxAsync(host)).Count == 0, what: "the sweeper to trim the inbox");
    }

    [Fact]
    public async Task A_window_shorter_than_a_day_refuses_the_start()
    {
        var refused = await Assert.ThrowsAsync<StartupRefusedException>(() => StartAsync(new() { ["Messaging:Inbox:Retention"] = "01:00:00" }));
        Assert.Contains("Messaging:Inbox:Retention", refused.Message);
    }

    public void Dispose() => _data.Dispose();
}
