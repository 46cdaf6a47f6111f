using System.Net;
using Publishing.Notifications.Data;
using Publishing.Notifications.Tests.Api;
using Publishing.ServiceDefaults.Hosting;
using Publishing.Testing;
using Xunit;

namespace Publishing.Notifications.Tests.Webhooks;

/// <summary>
/// Internal subscribers: every address in Development when asked, otherwise only the private ranges
/// an operator lists in <c>Notifications:Webhooks:AllowedPrivateNetworks</c>, decided at start-up.
/// </summary>
public sealed class PrivateNetworkTests
{
    private const string Allowed = "Notifications:Webhooks:AllowedPrivateNetworks";

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Allowing_every_private_network_outside_Development_refuses_to_start(string environment)
    {
        using var data = new TempDirectory();
        var settings = ProductionHost.For(data.Path);
        settings["Notifications:Webhooks:AllowPrivateNetworks"] = "true";
        var refused = Assert.Throws<StartupRefusedException>(() => ProductionHost.Build(settings, environment));
        Assert.Contains("Notifications:Webhooks:AllowPrivateNetworks", refused.Message);
        Assert.Contains("development aid", refused.Message);
    }

    [Theory]
    [InlineData("169.254.0.0/16")]
    [InlineData("127.0.0.0/8")]
    [InlineData("0.0.0.0/0")]
    [InlineData("100.64.0.0/10")]
    [InlineData("10.0.0.0/7")]
    [InlineData("8.8.8.0/24")]
    [InlineData("fe80::/10")]
    [InlineData("::/0")]
    [InlineData("10.20.1.5/16")]
    [InlineData("10.20.1.5")]
    [InlineData("intranet.example.org")]
    public void Listing_a_range_that_is_not_private_refuses_to_start(string range)
    {
        using var data = new TempDirectory();
        var settings = ServiceHost.Settings(rabbitMq: null, data.Path);
        settings["Notifications:Webhooks:AllowPrivateNetworks"] = "false";
        settings[$"{Allowed}:0"] = "10.20.0.0/16";
        settings[$"{Allowed}:1"] = range;
        var refused = Assert.Throws<StartupRefusedException>(() => ProductionHost.Build(settings, "Development"));
        Assert.Contains(Allowed, refused.Message);
        Assert.Contains($"'{range}'", refused.Message);
    }

    [Fact]
    public void The_old_setting_that_could_open_any_range_refuses_to_start()
    {
        using var data = new TempDirectory();
        var settings = ServiceHost.Settings(rabbitMq: null, data.Path);
        settings["Notifications:Webhooks:AllowedNetworks:0"] = "169.254.169.254/32";
        var refused = Assert.Throws<StartupRefusedException>(() => ProductionHost.Build(settings, "Development"));
        Assert.Contains(Allowed, refused.Message);
    }

    [Theory]
    [InlineData("http://10.20.1.5/hook", HttpStatusCode.Created)]
    [InlineData("http://[::ffff:10.20.1.5]/hook", HttpStatusCode.Created)]
    [InlineData("http://[fd12:3456:789a::5]/hook", HttpStatusCode.Created)]
    [InlineData("http://10.21.0.1/hook", HttpStatusCode.UnprocessableEntity)]
    [InlineData("http://192.168.1.1/hook", HttpStatusCode.UnprocessableEntity)]
    [InlineData("http://127.0.0.1/hook", HttpStatusCode.UnprocessableEntity)]
    [InlineData("http://169.254.169.254/hook", HttpStatusCode.UnprocessableEntity)]
    [InlineData("http://[2002:a14:105::1]/hook", HttpStatusCode.UnprocessableEntity)] // 6to4 carrying 10.20.1.5
    [InlineData("http://[64:ff9b::a14:105]/hook", HttpStatusCode.UnprocessableEntity)] // NAT64 carrying 10.20.1.5
    [InlineData("http://[fd12:3456:789b::5]/hook", HttpStatusCode.UnprocessableEntity)]
    public async Task A_listed_private_range_admits_its_own_addresses_and_nothing_else(string url, HttpStatusCode expected)
    {
        using var api = SsrfTests.Guarded(null, ($"{Allowed}:0", "10.20.0.0/16"), ($"{Allowed}:1", "fd12:3456:789a::/48"));
        var admin = await api.AdminAsync();
        var response = await admin.PostSubscriptionAsync(url);
        Assert.True(expected == response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_subscriber_in_a_listed_range_is_delivered_to_while_metadata_stays_blocked_at_connect_time()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var network = new FakeNetwork()
            .Name("intranet.example.org", "10.20.1.5")
            .Name("metadata.example.org", "169.254.169.254");
        // One comma-separated value, as an environment variable carries it.
        using var api = SsrfTests.Guarded(network, (Allowed, "10.20.0.0/16, 172.20.0.0/16"));
        var admin = await api.AdminAsync();
        var intranet = await admin.SubscribeAsync(new Uri($"http://intranet.example.org:{receiver.Port}/hook/intranet"));
        var metadata = await SsrfTests.InsertSubscriptionAsync(api, $"http://metadata.example.org:{receiver.Port}/hook/metadata");

        await api.PublishAndWaitAsync(Sample.Published("imatinib"));
        await receiver.WaitForAsync(1);
        var refused = await Eventually.Until(async () => (await api.DeliveriesAsync(metadata)).Single().AttemptLog.FirstOrDefault(a => a.Token == null),
            a => a is not null, what: "the refused attempt");

        Assert.StartsWith("blocked: 169.254.169.254 is in 169.254.0.0/16", refused!.Error);
        Assert.Equal(["/hook/intranet"], receiver.Requests.Select(r => r.Path));
        Assert.Equal(DeliveryStates.Delivered, (await Eventually.Until(async () => (await api.DeliveriesAsync(intranet.Id)).Single(),
            d => d.State == DeliveryStates.Delivered, what: "the intranet delivery")).State);
    }
}
