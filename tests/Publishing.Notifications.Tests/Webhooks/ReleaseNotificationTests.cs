using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Publishing.Contracts;
using Publishing.Notifications.Tests.Api;
using Publishing.Testing;
using Xunit;

namespace Publishing.Notifications.Tests.Webhooks;

/// <summary>Members of a release are delivered one by one as before, each naming its release; the event log records the release.</summary>
public sealed class ReleaseNotificationTests
{
    [Fact]
    public async Task A_members_webhook_carries_the_release_id_and_the_release_is_in_the_event_log()
    {
        await using var site = await WebhookReceiver.StartAsync();
        using var api = new NotificationsApi();
        await (await api.AdminAsync()).SubscribeAsync(site.Url);
        var release = Guid.NewGuid();
        var published = Sample.Published("imatinib") with { ReleaseId = release };
        var withdrawn = Sample.Withdrawn("olaratumab") with { ReleaseId = release };
        var releaseMessage = Guid.NewGuid();

        await api.PublishAndWaitAsync(published);
        await api.PublishAndWaitAsync(withdrawn);
        await api.PublishAndWaitAsync(new ReleasePublished(release, "Sarcoma guidance", DateTimeOffset.UtcNow, [published], [withdrawn]),
            nameof(Events.RecordEventConsumer), releaseMessage);
        await site.WaitForAsync(2);

        foreach (var request in site.Requests)
        {
            using var body = JsonDocument.Parse(request.Body);
            Assert.Equal(release, body.RootElement.GetProperty("data").GetProperty("releaseId").GetGuid());
        }
        var logged = await api.WithDb(db => db.ReceivedEvents.AsNoTracking().Where(e => e.MessageId == releaseMessage).ToListAsync());
        Assert.Equal(["imatinib", "olaratumab"], logged.Select(e => e.Slug).Order());
        Assert.All(logged, e => Assert.Equal(nameof(ReleasePublished), e.EventType));
    }
}
