using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Publishing.Messaging.Bus;
using Publishing.Notifications.Tests.Api;
using Publishing.Notifications.Webhooks;
using Publishing.Testing;
using Xunit;

namespace Publishing.Notifications.Tests.Webhooks;

public sealed class FilterTests
{
    [Fact]
    public async Task Each_subscriber_gets_only_the_slugs_types_tags_and_events_it_asked_for()
    {
        await using var regorafenibSite = await WebhookReceiver.StartAsync();
        await using var sarcomaSite = await WebhookReceiver.StartAsync();
        await using var articleSite = await WebhookReceiver.StartAsync();
        await using var withdrawalsSite = await WebhookReceiver.StartAsync();
        using var api = new NotificationsApi();
        var admin = await api.AdminAsync();
        await admin.SubscribeAsync(regorafenibSite.Url, filter: new { slugs = new[] { "regorafenib" } });
        await admin.SubscribeAsync(sarcomaSite.Url, filter: new { tags = new[] { "Sarcoma" } });
        await admin.SubscribeAsync(articleSite.Url, filter: new { types = new[] { "article" } });
        await admin.SubscribeAsync(withdrawalsSite.Url, events: ["content.withdrawn"]);

        await api.PublishAndWaitAsync(Sample.Published("imatinib", tags: ["gist", "sarcoma"]));
        await api.PublishAndWaitAsync(Sample.Published("regorafenib", tags: ["colorectal"]));
        await api.PublishAndWaitAsync(Sample.Published("soft-tissue-sarcoma", contentType: "article", tags: ["sarcoma"]));
        await api.PublishAndWaitAsync(Sample.Confirmed("imatinib"));
        // The withdrawal carries no tags: it is matched on the tags imatinib was published with.
        await api.PublishAndWaitAsync(Sample.Withdrawn("imatinib"));

        var expected = new Dictionary<WebhookReceiver, string[]>
        {
            [regorafenibSite] = ["content.published regorafenib"],
            [sarcomaSite] = ["content.published imatinib", "content.published soft-tissue-sarcoma", "content.reviewed imatinib", "content.withdrawn imatinib"],
            [articleSite] = ["content.published soft-tissue-sarcoma"],
            [withdrawalsSite] = ["content.withdrawn imatinib"],
        };
        foreach (var (site, events) in expected) await site.WaitForAsync(events.Length);
        // Every event was handled above, so every delivery it asked for is queued: once none is pending,
        // each site has had all it will get.
        await api.WaitUntilAllQueuedSentAsync();
        foreach (var (site, events) in expected)
            Assert.Equal(events.Order(), site.Requests.Select(Describe).Order());

        // A regorafenib subscriber heard nothing about imatinib.
        Assert.DoesNotContain(regorafenibSite.Requests, r => r.Body.Contains("imatinib"));
    }

    [Fact]
    public async Task A_redelivered_broker_message_makes_no_second_delivery()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = new NotificationsApi();
        var admin = await api.AdminAsync();
        var subscription = await admin.SubscribeAsync(receiver.Url);
        var message = Sample.Published("imatinib");
        var messageId = Guid.NewGuid();
        var traffic = MessageTraffic.Observe(api.Services.GetRequiredService<IBus>());

        await api.PublishAndWaitAsync(message, messageId: messageId);
        await api.PublishAndWaitAsync(message, messageId: messageId);
        await api.PublishAndWaitAsync(Sample.Published("sunitinib"));
        await receiver.WaitForAsync(2);
        // The redelivery is handled once the webhook consumer has finished the message twice (the second
        // time skipped by its inbox); then what was queued is final, and sent once none is pending.
        await traffic.WaitUntilConsumedAsync(messageId, 2, ServiceEndpointNameFormatter.Instance.Consumer<EnqueueWebhooksConsumer>());
        await api.WaitUntilAllQueuedSentAsync();

        var deliveries = await api.DeliveriesAsync(subscription.Id);
        Assert.Equal(["imatinib", "sunitinib"], deliveries.Select(d => d.Slug).Order());
        Assert.Equal(2, receiver.Count);
        Assert.Equal(1, await api.WithDb(db => db.ReceivedEvents.CountAsync(e => e.MessageId == messageId)));
    }

    private static string Describe(ReceivedRequest r)
    {
        using var doc = JsonDocument.Parse(r.Body);
        return $"{doc.RootElement.GetProperty("type").GetString()} {doc.RootElement.GetProperty("data").GetProperty("slug").GetString()}";
    }
}
