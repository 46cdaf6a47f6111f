using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Publishing.Notifications.Tests.Api;
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
        await Task.Delay(300);
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

        await api.PublishAndWaitAsync(message, messageId: messageId);
        await api.PublishAndWaitAsync(message, messageId: messageId);
        // Something after it on the same consumer, so the duplicate has surely been handled.
        await api.PublishAndWaitAsync(Sample.Published("sunitinib"));
        await receiver.WaitForAsync(2);
        await Task.Delay(500);

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
