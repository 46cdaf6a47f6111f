using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Publishing.Notifications.Data;
using Publishing.Notifications.Tests.Api;
using Publishing.Testing;
using Xunit;

namespace Publishing.Notifications.Tests.Webhooks;

/// <summary>The SSRF guard with private networks not allowed, as in production.</summary>
public sealed class SsrfTests
{
    public static NotificationsApi Guarded(FakeNetwork? network = null, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?> { ["Notifications:Webhooks:AllowPrivateNetworks"] = "false" };
        foreach (var (k, v) in extra) settings[k] = v;
        return new NotificationsApi(settings: settings, network: network);
    }

    /// <summary>At least one address of every special-use family, in every form that carries an IPv4 address.</summary>
    public static readonly string[] SpecialUseHosts =
    [
        "0.0.0.0", "0.1.2.3", "10.0.0.5", "100.64.0.1", "100.127.255.254", "127.0.0.1", "127.255.0.9", "169.254.169.254",
        "172.16.0.1", "172.31.255.255", "192.0.0.9", "192.0.0.170", "192.0.2.10", "192.31.196.1", "192.52.193.1",
        "192.88.99.1", "192.168.1.20", "192.175.48.6", "198.18.0.1", "198.19.255.1", "198.51.100.7", "203.0.113.9",
        "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
        "[::]", "[::1]", "[::127.0.0.1]", "[::8.8.8.8]",
        "[::ffff:127.0.0.1]", "[::ffff:a9fe:a9fe]", "[::ffff:10.1.2.3]", "[::ffff:100.64.0.1]",
        "[64:ff9b::a9fe:a9fe]", "[64:ff9b::7f00:1]", "[64:ff9b:1::a00:5]", "[64:ff9b:1:ff::1]",
        "[100::1]", "[100:0:0:1::1]",
        "[2001::1]", "[2001:0:4136:e378:8000:63bf:3fff:fdd2]", "[2001:2::1]", "[2001:10::1]", "[2001:1ff::1]",
        "[2001:db8::1]", "[2002:a9fe:a9fe::1]", "[2002:7f00:1::1]", "[2002:c0a8:101::1]",
        "[2620:4f:8000::1]", "[3fff::1]", "[3fff:fff::1]", "[5f00::1]",
        "[fc00::1]", "[fd12:3456::1]", "[fe80::1]", "[febf::1]", "[fec0::1]", "[ff02::1]", "[ff05::1:3]",
    ];

    public static readonly string[] PublicHosts =
    [
        "93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "198.20.0.1", "192.0.3.1",
        "[2606:4700:4700::1111]", "[2001:200::1]", "[2001:4860:4860::8888]", "[::ffff:8.8.8.8]",
        "[64:ff9b::808:808]", "[64:ff9b:1::808:808]", "[2002:808:808::1]",
    ];

    [Fact]
    public async Task Creating_a_subscription_to_any_special_use_address_is_refused_with_422_naming_the_url()
    {
        using var api = Guarded();
        var admin = await api.AdminAsync();
        var accepted = new List<string>();
        foreach (var host in SpecialUseHosts)
        {
            var response = await admin.PostSubscriptionAsync($"https://{host}/hook");
            if (response.StatusCode != HttpStatusCode.UnprocessableEntity) { accepted.Add($"{host}: {(int)response.StatusCode}"); continue; }
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _), host);
        }
        Assert.True(accepted.Count == 0, "Accepted: " + string.Join(", ", accepted));
        Assert.Empty(await admin.GetFromJsonAsync<JsonElement[]>("/api/subscriptions") ?? []);
    }

    [Fact]
    public async Task Public_addresses_are_accepted_also_where_an_IPv6_form_carries_a_public_IPv4_address()
    {
        using var api = Guarded();
        var admin = await api.AdminAsync();
        foreach (var host in PublicHosts)
            Assert.True((await admin.PostSubscriptionAsync($"https://{host}/hook")).StatusCode == HttpStatusCode.Created, host);
    }

    [Theory]
    [InlineData("http://localhost:8080/hook")]
    [InlineData("ftp://example.org/hook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/relative/hook")]
    [InlineData("http://user:pass@93.184.215.14/hook")]
    public async Task Creating_a_subscription_to_loopback_by_name_or_to_a_non_http_url_is_refused_with_422(string url)
    {
        using var api = Guarded();
        var admin = await api.AdminAsync();
        var response = await admin.PostSubscriptionAsync(url);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _));
    }

    [Theory]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")] // Teredo
    [InlineData("169.254.169.254")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("2002:a9fe:a9fe::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("93.184.215.14", "10.0.0.1")] // one internal address among public ones
    public async Task A_name_resolving_to_a_special_use_address_is_refused_at_creation(params string[] addresses)
    {
        var network = new FakeNetwork().Name("subscriber.example.org", addresses);
        using var api = Guarded(network);
        var admin = await api.AdminAsync();
        var response = await admin.PostSubscriptionAsync("https://subscriber.example.org/hook");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("special-use", problem.GetProperty("errors").GetProperty("url")[0].GetString());
    }

    /// <summary>A name per family, each resolving (at send time) to one special-use address; the control resolves to a public one.</summary>
    private static readonly (string Name, string Address, string Range)[] ConnectTimeCases =
    [
        ("loopback", "127.0.0.1", "127.0.0.0/8"),
        ("metadata", "169.254.169.254", "169.254.0.0/16"),
        ("private", "10.1.2.3", "10.0.0.0/8"),
        ("cgnat", "100.64.0.9", "100.64.0.0/10"),
        ("benchmark", "198.18.0.1", "198.18.0.0/15"),
        ("teredo", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "2001::/23"),
        ("mapped", "::ffff:169.254.169.254", "169.254.0.0/16"),
        ("nat64", "64:ff9b::a00:102", "10.0.0.0/8"),
        ("sixtofour", "2002:7f00:1::1", "127.0.0.0/8"),
        ("ula", "fd00:ec2::254", "fc00::/7"),
        ("linklocal6", "fe80::1", "fe80::/10"),
        ("documentation6", "3fff::1", "3fff::/20"),
        ("multicast", "239.1.1.1", "224.0.0.0/4"),
    ];

    [Fact]
    public async Task At_connect_time_a_name_resolving_to_a_special_use_address_is_never_connected_to()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var network = new FakeNetwork().Name("public.example.org", "93.184.215.14");
        foreach (var (name, address, _) in ConnectTimeCases) network.Name($"{name}.example.org", address);
        using var api = Guarded(network);
        // Stored directly, as if DNS had answered differently when they were created.
        var control = await InsertSubscriptionAsync(api, $"http://public.example.org:{receiver.Port}/hook/public");
        var blocked = new Dictionary<Guid, (string Name, string Address, string Range)>();
        foreach (var c in ConnectTimeCases)
            blocked[await InsertSubscriptionAsync(api, $"http://{c.Name}.example.org:{receiver.Port}/hook/{c.Name}")] = c;

        await api.PublishAndWaitAsync(Sample.Published("imatinib"));
        await receiver.WaitForAsync(1);
        foreach (var (id, c) in blocked)
        {
            var attempt = await Eventually.Until(async () => (await api.DeliveriesAsync(id)).Single().AttemptLog.FirstOrDefault(a => a.Token == null),
                a => a is not null, what: $"the refused attempt to {c.Name}");
            Assert.Null(attempt!.Status);
            Assert.Equal($"blocked: {IPAddress.Parse(c.Address)} is in {c.Range}", attempt.Error!.Split(" (")[0]);
        }

        Assert.Equal(DeliveryStates.Delivered, (await Eventually.Until(async () => (await api.DeliveriesAsync(control)).Single(),
            d => d.State == DeliveryStates.Delivered, what: "the control delivery")).State);
        Assert.Equal(["/hook/public"], receiver.Requests.Select(r => r.Path));
        Assert.Equal([IPAddress.Parse("93.184.215.14")], network.Dialled);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    public async Task Delivery_refuses_a_host_that_resolves_to_loopback_at_connect_time(string host)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = Guarded();
        var id = await InsertSubscriptionAsync(api, $"http://{host}:{receiver.Port}/hook");

        await api.PublishAndWaitAsync(Sample.Published("imatinib"));
        var attempt = await Eventually.Until(async () => (await api.DeliveriesAsync(id)).Single().AttemptLog.FirstOrDefault(a => a.Token == null),
            a => a is not null, what: "the refused attempt");

        Assert.Null(attempt!.Status);
        Assert.StartsWith("blocked: ", attempt.Error);
        Assert.Equal(0, receiver.Count);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_its_target_is_not_shown()
    {
        await using var internalSite = await WebhookReceiver.StartAsync();
        var location = $"http://127.0.0.1:{internalSite.Port}/admin/internal-only";
        await using var receiver = await WebhookReceiver.StartAsync("127.0.0.1",
            new Reply(307, new Dictionary<string, string> { ["Location"] = location }));
        using var api = Guarded(new FakeNetwork().Name("public.example.org", "93.184.215.14"));
        var admin = await api.AdminAsync();
        var subscription = await admin.SubscribeAsync(new Uri($"http://public.example.org:{receiver.Port}/hook"));

        await api.PublishAndWaitAsync(Sample.Published("imatinib"));
        var attempt = await Eventually.Until(async () => (await api.DeliveriesAsync(subscription.Id)).Single().AttemptLog.FirstOrDefault(a => a.Token == null),
            a => a is not null, what: "the redirected attempt");

        Assert.Equal(307, attempt!.Status);
        Assert.Equal("HTTP 307 from the endpoint: redirects are not followed", attempt.Error);
        Assert.DoesNotContain("internal-only", await admin.GetStringAsync($"/api/subscriptions/{subscription.Id}/deliveries"));
        Assert.Equal(1, receiver.Count);
        // A followed redirect would have been part of that attempt, before it was recorded.
        Assert.Equal(0, internalSite.Count);
        Assert.Equal(DeliveryStates.Pending, (await api.DeliveriesAsync(subscription.Id)).Single().State);
    }

    public static Task<Guid> InsertSubscriptionAsync(NotificationsApi api, string url) => api.WithDb(async db =>
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
