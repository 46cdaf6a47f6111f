using System.Net;
using Publishing.Notifications.Webhooks;
using Xunit;

namespace Publishing.Notifications.Tests.Webhooks;

/// <summary>Which block the guard names for an address, the reason an admin reads in the delivery log.</summary>
public sealed class SpecialUseAddressTests
{
    [Theory]
    [InlineData("0.0.0.0", "0.0.0.0/8")]
    [InlineData("10.0.0.5", "10.0.0.0/8")]
    [InlineData("100.64.3.3", "100.64.0.0/10")]
    [InlineData("127.255.0.9", "127.0.0.0/8")]
    [InlineData("169.254.169.254", "169.254.0.0/16")]
    [InlineData("172.31.255.255", "172.16.0.0/12")]
    [InlineData("192.0.0.9", "192.0.0.0/24")]
    [InlineData("192.0.2.1", "192.0.2.0/24")]
    [InlineData("192.88.99.1", "192.88.99.0/24")]
    [InlineData("192.168.0.1", "192.168.0.0/16")]
    [InlineData("198.19.0.1", "198.18.0.0/15")]
    [InlineData("198.51.100.1", "198.51.100.0/24")]
    [InlineData("203.0.113.1", "203.0.113.0/24")]
    [InlineData("239.1.1.1", "224.0.0.0/4")]
    [InlineData("240.0.0.1", "240.0.0.0/4")]
    [InlineData("255.255.255.255", "240.0.0.0/4")]
    [InlineData("::", "::/96")]
    [InlineData("::1", "::/96")]
    [InlineData("::10.0.0.1", "::/96")] // IPv4-compatible
    [InlineData("::ffff:127.0.0.1", "127.0.0.0/8")] // IPv4-mapped: the IPv4 address decides
    [InlineData("::ffff:169.254.169.254", "169.254.0.0/16")]
    [InlineData("64:ff9b::a9fe:a9fe", "169.254.0.0/16")] // NAT64: the embedded IPv4 address decides
    [InlineData("64:ff9b:1::a00:5", "10.0.0.0/8")]
    [InlineData("64:ff9b:1:ab::1", "64:ff9b:1::/48")]
    [InlineData("100::1", "100::/64")]
    [InlineData("2001::1", "2001::/23")]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2", "2001::/23")] // Teredo
    [InlineData("2001:db8::1", "2001:db8::/32")]
    [InlineData("2002:7f00:1::1", "127.0.0.0/8")] // 6to4: the embedded IPv4 address decides
    [InlineData("2002:c0a8:101::1", "192.168.0.0/16")]
    [InlineData("3fff::1", "3fff::/20")]
    [InlineData("fc00::1", "fc00::/7")]
    [InlineData("fd12:3456::1", "fc00::/7")]
    [InlineData("fe80::1", "fe80::/10")]
    [InlineData("fec0::1", "fec0::/10")]
    [InlineData("ff02::1", "ff00::/8")]
    public void Every_special_use_address_is_named_by_its_block(string address, string block)
    {
        Assert.Equal(block, SpecialUseAddresses.Find(IPAddress.Parse(address))?.Network.ToString());
        Assert.True(AddressGuard.IsInternal(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    [InlineData("2001:200::1")]
    [InlineData("2606:4700:4700::1111")]
    public void Public_addresses_are_not_special(string address) =>
        Assert.Null(SpecialUseAddresses.Find(IPAddress.Parse(address)));

    [Theory]
    [InlineData("10.20.0.0/16", true)]
    [InlineData("10.0.0.0/8", true)]
    [InlineData("172.20.0.0/14", true)]
    [InlineData("192.168.7.0/24", true)]
    [InlineData("fd12:3456:789a::/48", true)]
    [InlineData("10.0.0.0/7", false)]
    [InlineData("127.0.0.0/8", false)]
    [InlineData("169.254.0.0/16", false)]
    [InlineData("100.64.0.0/10", false)]
    [InlineData("0.0.0.0/0", false)]
    [InlineData("8.8.8.0/24", false)]
    [InlineData("fe80::/10", false)]
    [InlineData("fc00::/6", false)]
    [InlineData("::/0", false)]
    public void Only_ranges_inside_RFC_1918_or_unique_local_space_are_private(string range, bool isPrivate) =>
        Assert.Equal(isPrivate, SpecialUseAddresses.IsPrivate(IPNetwork.Parse(range)));
}
