using System.Net;
using System.Text.Json;
using System.Net.Http.Json;
using Publishing.Notifications.Data;
using Publishing.Notifications.Tests.Api;
using Publishing.Notifications.Webhooks;
using Publishing.Testing;
using Xunit;

namespace Publishing.Notifications.Tests.Webhooks;

/// <summary>The SSRF guard with private networks not allowed, as in production.</summary>
public sealed class SsrfTests
{
    private static NotificationsApi Guarded(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?> { ["Notifications:Webhooks:AllowPrivateNetworks"] = "false" };
        foreach (var (k, v) in extra) settings[k] = v;
        return new NotificationsApi(settings: settings);
    }

    [Theory]
    [InlineData("http://127.0.0.1/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.5/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    [InlineData("http://[::ffff:a00:5]/hook")]
    [InlineData("https://192.168.1.20/hook")]
    [InlineData("https://172.16.0.1/hook")]
    [InlineData("https://100.64.0.1/hook")]
    [InlineData("https://0.0.0.0/hook")]
    [InlineData("https://224.0.0.1/hook")]
    [InlineData("https://[fe80::1]/hook")]
    [InlineData("https://[fd00::1]/hook")]
    [InlineData("http://localhost:8080/hook")]
    [InlineData("ftp://example.org/hook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/relative/hook")]
    [InlineData("http://user:pass@93.184.215.14/hook")]
    public async Task Creating_a_subscription_to_an_internal_or_non_http_url_is_refused_with_422(string url)
    {
        using var api = Guarded();
        var admin = await api.AdminAsync();
        var response = await admin.PostSubscriptionAsync(url);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _));
    }

    [Fact]
    public async Task A_public_address_is_accepted()
    {
        using var api = Guarded();
        var admin = await api.AdminAsync();
        var response = await admin.PostSubscriptionAsync("https://93.184.215.14/hook");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    public async Task Delivery_refuses_a_host_that_resolves_to_loopback_at_connect_time(string host)
    {
        await using var receiver = await Receiver.StartAsync();
        using var api = Guarded();
        // Stored directly, as if DNS had said something else when it was created.
        var id = await InsertSubscriptionAsync(api, $"http://{host}:{receiver.Port}/hook");

        await api.PublishAndWaitAsync(Sample.Published("imatinib"));
        var attempt = await Eventually.Until(async () => (await api.DeliveriesAsync(id)).Single().AttemptLog.FirstOrDefault(),
            a => a is not null, what: "the refused attempt");

        Assert.Null(attempt!.Status);
        Assert.Contains("Refused to connect", attempt.Error);
        Assert.Equal(0, receiver.Count);
    }

    [Fact]
    public async Task A_redirect_to_an_internal_address_is_not_followed()
    {
        // The internal target: 127.0.0.2, outside the one network this test allows (the subscriber's).
        await using var internalSite = await Receiver.StartAsync("127.0.0.2");
        await using var receiver = await Receiver.StartAsync("127.0.0.1",
            new Reply(307, new Dictionary<string, string> { ["Location"] = internalSite.Url.ToString() }));
        using var api = Guarded(("Notifications:Webhooks:AllowedNetworks:0", "127.0.0.1/32"));
        var admin = await api.AdminAsync();
        var subscription = await admin.SubscribeAsync(receiver.Url);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.PostSubscriptionAsync(internalSite.Url.ToString())).StatusCode);

        await api.PublishAndWaitAsync(Sample.Published("imatinib"));
        var attempt = await Eventually.Until(async () => (await api.DeliveriesAsync(subscription.Id)).Single().AttemptLog.FirstOrDefault(),
            a => a is not null, what: "the redirected attempt");

        Assert.Equal(307, attempt!.Status);
        Assert.Contains("not followed", attempt.Error);
        Assert.Equal(1, receiver.Count);
        await Task.Delay(200);
        Assert.Equal(0, internalSite.Count);
        Assert.Equal(DeliveryStates.Pending, (await api.DeliveriesAsync(subscription.Id)).Single().State);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.255.0.9", true)]
    [InlineData("10.0.0.5", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("100.64.3.3", true)]
    [InlineData("192.168.0.1", true)]
    [InlineData("172.31.255.255", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("239.1.1.1", true)]
    [InlineData("255.255.255.255", true)]
    [InlineData("::", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("::ffff:10.1.2.3", true)]
    [InlineData("::ffff:169.254.169.254", true)]
    [InlineData("64:ff9b::a9fe:a9fe", true)]
    [InlineData("2002:7f00:1::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fc00::1", true)]
    [InlineData("ff02::1", true)]
    [InlineData("93.184.215.14", false)]
    [InlineData("8.8.8.8", false)]
    [InlineData("172.32.0.1", false)]
    [InlineData("::ffff:8.8.8.8", false)]
    [InlineData("2606:4700:4700::1111", false)]
    public void Internal_addresses_are_recognised_in_every_form(string address, bool isInternal) =>
        Assert.Equal(isInternal, AddressGuard.IsInternal(IPAddress.Parse(address)));

    private static Task<Guid> InsertSubscriptionAsync(NotificationsApi api, string url) => api.WithDb(async db =>
    {
        var s = new Subscription
        {
            Id = Guid.NewGuid(), Name = "Stored directly", Url = url, Events = Subscription.Join(AdminCalls.AllEvents),
            Secret = Publishing.Notifications.Subscriptions.CreateSubscription.NewSecret(), OwnerId = "admin-1", OwnerName = "Test admin-1",
            CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Subscriptions.Add(s);
        await db.SaveChangesAsync();
        return s.Id;
    });
}
