using Publishing.Notifications.Data;
using Publishing.Notifications.Tests.Api;
using Publishing.Testing;
using StandardWebhooks;
using Xunit;

namespace Publishing.Notifications.Tests.Secrets;

/// <summary>Webhook secrets are stored encrypted, shown once, and still sign after a restart.</summary>
public sealed class SecretsAtRestTests
{
    [Fact]
    public async Task The_database_holds_the_secret_encrypted_and_webhooks_are_signed_with_the_one_shown_at_creation()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = new NotificationsApi();
        var admin = await api.AdminAsync();
        var subscription = await admin.SubscribeAsync(receiver.Url);

        var stored = await HostData.StoredSecretsAsync(api);
        Assert.DoesNotContain(stored, s => s.Contains("whsec_"));
        Assert.DoesNotContain(stored, s => s.Contains(subscription.Secret["whsec_".Length..]));

        await api.PublishAndWaitAsync(Sample.Published("imatinib"));
        await receiver.WaitForAsync(1);
        new StandardWebhook(subscription.Secret).Verify(receiver.Requests[0].Body, receiver.Requests[0].Headers);
    }

    [Fact]
    public async Task A_host_restarted_on_the_same_database_still_signs_with_the_same_secret()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var data = new TempDirectory();
        Created subscription;
        using (var first = new NotificationsApi(dataDirectory: data.Path))
            subscription = await (await first.AdminAsync()).SubscribeAsync(receiver.Url);

        using var second = new NotificationsApi(dataDirectory: data.Path);
        await second.PublishAndWaitAsync(Sample.Published("imatinib"));
        await receiver.WaitForAsync(1);
        new StandardWebhook(subscription.Secret).Verify(receiver.Requests[0].Body, receiver.Requests[0].Headers);
    }

    [Fact]
    public async Task Secrets_an_earlier_version_stored_in_clear_are_encrypted_at_the_next_start_and_still_sign()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var data = new TempDirectory();
        var secret = Publishing.Notifications.Subscriptions.CreateSubscription.NewSecret();
        using (var old = new NotificationsApi(dataDirectory: data.Path))
        {
            await old.WithDb(async db =>
            {
                db.Subscriptions.Add(new Subscription
                {
                    Id = Guid.NewGuid(), Name = "Stored in clear", Url = receiver.Url.ToString(), Events = Subscription.Join(AdminCalls.AllEvents),
                    Secret = secret, OwnerId = "admin-1", OwnerName = "Test admin-1", CreatedAt = DateTimeOffset.UtcNow,
                });
                return await db.SaveChangesAsync();
            });
            Assert.Contains(secret, await HostData.StoredSecretsAsync(old));
        }

        using var restarted = new NotificationsApi(dataDirectory: data.Path);
        await restarted.PublishAndWaitAsync(Sample.Published("imatinib"));
        await receiver.WaitForAsync(1);
        new StandardWebhook(secret).Verify(receiver.Requests[0].Body, receiver.Requests[0].Headers);
        Assert.DoesNotContain(await HostData.StoredSecretsAsync(restarted), s => s.StartsWith("whsec_"));
    }
}
