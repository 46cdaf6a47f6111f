using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Publishing.Messaging.KeyRing;
using Publishing.Notifications.Data;
using Publishing.Notifications.Tests.Api;
using Publishing.ServiceDefaults.Hosting;
using Publishing.Testing;
using StandardWebhooks;
using Xunit;

namespace Publishing.Notifications.Tests.Secrets;

/// <summary>Outside Development the key ring that encrypts the secrets is itself encrypted, with a certificate.</summary>
public sealed class KeyRingProtectionTests
{
    [Fact]
    public void Outside_Development_without_a_certificate_the_host_refuses_to_start_naming_the_setting()
    {
        using var data = new TempDirectory();
        var refused = Assert.Throws<StartupRefusedException>(() => ProductionHost.Build(ProductionHost.For(data.Path)));
        Assert.Contains("DataProtection:Certificate:Path", refused.Message);
    }

    [Fact]
    public void A_certificate_that_cannot_be_opened_refuses_to_start()
    {
        using var data = new TempDirectory();
        var (path, _) = KeyRingCertificateFile.Write(data.Path);
        var settings = ProductionHost.For(data.Path);
        settings["DataProtection:Certificate:Path"] = path;
        settings["DataProtection:Certificate:Password"] = "not-the-password";
        var refused = Assert.Throws<StartupRefusedException>(() => ProductionHost.Build(settings));
        Assert.Contains("DataProtection:Certificate:Password", refused.Message);
    }

    [Fact]
    public async Task With_a_certificate_the_host_starts_stores_its_keys_encrypted_and_signs_across_restarts()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var network = new FakeNetwork().Name("subscriber.example.org", "93.184.215.14");
        using var data = new TempDirectory();
        var (path, password) = KeyRingCertificateFile.Write(data.Sub("secrets"));
        var settings = ProductionHost.For(data.Path);
        settings["DataProtection:Certificate:Path"] = path;
        settings["DataProtection:Certificate:Password"] = password;
        // A subscription an earlier version stored in clear, so the first start has a secret to encrypt.
        var secret = await SeedClearSubscriptionAsync(data.Path, $"http://subscriber.example.org:{receiver.Port}/hook");

        await using (var host = await ProductionHost.StartAsync(settings, network))
        {
            await HostData.PublishAsync(host.Services, Sample.Published("imatinib"));
            await receiver.WaitForAsync(1);
            new StandardWebhook(secret).Verify(receiver.Requests[0].Body, receiver.Requests[0].Headers);

            var keys = await KeyXmlAsync(host.Services);
            Assert.NotEmpty(keys);
            Assert.All(keys, xml =>
            {
                Assert.Contains("EncryptedData", xml);
                Assert.DoesNotContain("<masterKey", xml);
            });
            Assert.DoesNotContain(await HostData.StoredSecretsAsync(host.Services), s => s.StartsWith("whsec_"));
        }

        // The same database and certificate: the encrypted key ring opens and still signs with the same secret.
        await using var restarted = await ProductionHost.StartAsync(settings, network);
        await HostData.PublishAsync(restarted.Services, Sample.Published("sunitinib"));
        await receiver.WaitForAsync(2);
        new StandardWebhook(secret).Verify(receiver.Requests[1].Body, receiver.Requests[1].Headers);
    }

    private static async Task<List<string>> KeyXmlAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        return await db.Set<DataProtectionKey>().AsNoTracking().Select(k => k.Xml).ToListAsync();
    }

    /// <summary>Creates the database as migrations leave it, with one clear-text secret and no key ring yet.</summary>
    private static async Task<string> SeedClearSubscriptionAsync(string dataDirectory, string url)
    {
        var options = new DbContextOptionsBuilder<NotificationsDbContext>()
            .UseSqlite($"Data Source={Path.Combine(dataDirectory, "notifications.db")};Pooling=False").Options;
        await using var db = new NotificationsDbContext(options);
        await db.Database.MigrateAsync();
        var secret = Publishing.Notifications.Subscriptions.CreateSubscription.NewSecret();
        db.Subscriptions.Add(new Subscription
        {
            Id = Guid.NewGuid(), Name = "Stored in clear", Url = url, Events = Subscription.Join(AdminCalls.AllEvents),
            Secret = secret, OwnerId = "admin-1", OwnerName = "Test admin-1", CreatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
        return secret;
    }
}
