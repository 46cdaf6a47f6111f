using System.Net;
using System.Net.Sockets;

namespace Publishing.Notifications.Webhooks;

/// <summary>One special-purpose block: where it is and what it is, for the reason a webhook is refused.</summary>
/// <param name="Private">An organisation's own network (RFC 1918, unique local): the only kind
/// <see cref="WebhookOptions.AllowedPrivateNetworks"/> may open.</param>
public sealed record SpecialUseRange(IPNetwork Network, string Name, bool Private = false)
{
    public override string ToString() => $"{Network} ({Name})";
}

/// <summary>
/// Every address a webhook must never reach: the IANA IPv4 and IPv6 Special-Purpose Address Registries
/// (iana.org/assignments/iana-ipv4-special-registry, iana-ipv6-special-registry; RFC 6890, RFC 8190),
/// plus multicast (224.0.0.0/4, ff00::/8) and the deprecated site-local fec0::/10 from the address
/// space registries. Whole blocks are listed even where the registry marks a part globally reachable
/// (AS112, AMT, ORCHID inside 2001::/23): no subscriber lives there, and a block is easier to audit
/// than its exceptions. Forms that embed an IPv4 address (IPv4-mapped, NAT64, 6to4) are judged by
/// the IPv4 address a gateway would reach for us.
/// </summary>
public static class SpecialUseAddresses
{
    public static readonly IReadOnlyList<SpecialUseRange> IPv4 =
    [
        new(IPNetwork.Parse("0.0.0.0/8"), "this network"),
        new(IPNetwork.Parse("10.0.0.0/8"), "private, RFC 1918", Private: true),
        new(IPNetwork.Parse("100.64.0.0/10"), "carrier-grade NAT"),
        new(IPNetwork.Parse("127.0.0.0/8"), "loopback"),
        new(IPNetwork.Parse("169.254.0.0/16"), "link-local, cloud metadata"),
        new(IPNetwork.Parse("172.16.0.0/12"), "private, RFC 1918", Private: true),
        new(IPNetwork.Parse("192.0.0.0/24"), "IETF protocol assignments"),
        new(IPNetwork.Parse("192.0.2.0/24"), "documentation"),
        new(IPNetwork.Parse("192.31.196.0/24"), "AS112"),
        new(IPNetwork.Parse("192.52.193.0/24"), "AMT"),
        new(IPNetwork.Parse("192.88.99.0/24"), "6to4 relay anycast"),
        new(IPNetwork.Parse("192.168.0.0/16"), "private, RFC 1918", Private: true),
        new(IPNetwork.Parse("192.175.48.0/24"), "AS112 direct delegation"),
        new(IPNetwork.Parse("198.18.0.0/15"), "benchmarking"),
        new(IPNetwork.Parse("198.51.100.0/24"), "documentation"),
        new(IPNetwork.Parse("203.0.113.0/24"), "documentation"),
        new(IPNetwork.Parse("224.0.0.0/4"), "multicast"),
        new(IPNetwork.Parse("240.0.0.0/4"), "reserved"), // includes 255.255.255.255, limited broadcast
    ];

    public static readonly IReadOnlyList<SpecialUseRange> IPv6 =
    [
        // ::/96 holds :: (unspecified), ::1 (loopback) and the deprecated IPv4-compatible form, none a
        // webhook target whatever IPv4 address it carries.
        new(IPNetwork.Parse("::/96"), "unspecified, loopback, IPv4-compatible"),
        new(IPNetwork.Parse("100::/64"), "discard-only"),
        new(IPNetwork.Parse("100:0:0:1::/64"), "dummy prefix"),
        new(IPNetwork.Parse("2001::/23"), "IETF protocol assignments, Teredo"),
        new(IPNetwork.Parse("2001:db8::/32"), "documentation"),
        new(IPNetwork.Parse("2620:4f:8000::/48"), "AS112 direct delegation"),
        new(IPNetwork.Parse("3fff::/20"), "documentation"),
        new(IPNetwork.Parse("5f00::/16"), "segment routing SIDs"),
        new(IPNetwork.Parse("fc00::/7"), "unique local, private", Private: true),
        new(IPNetwork.Parse("fe80::/10"), "link-local"),
        new(IPNetwork.Parse("fec0::/10"), "site-local, deprecated"),
        new(IPNetwork.Parse("ff00::/8"), "multicast"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork Nat64LocalUse = IPNetwork.Parse("64:ff9b:1::/48");
    private static readonly IPNetwork Nat64LocalUseAt96 = IPNetwork.Parse("64:ff9b:1::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    private static readonly SpecialUseRange Nat64LocalUseOther = new(Nat64LocalUse, "local-use NAT64 in a form whose IPv4 address is not known");
    private static readonly SpecialUseRange NotInternet = new(IPNetwork.Parse("0.0.0.0/0"), "not an internet address");

    /// <summary>
    /// The special-use block <paramref name="address"/> falls in (for an embedding form, the block of
    /// the IPv4 address it carries), or null for an ordinary public address.
    /// </summary>
    public static SpecialUseRange? Find(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetwork) return First(IPv4, address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return NotInternet;

        // NAT64 (RFC 6052) and 6to4 (RFC 3056) carry an IPv4 address that a gateway would connect to for us.
        var bytes = address.GetAddressBytes();
        if (Nat64.Contains(address) || Nat64LocalUseAt96.Contains(address)) return First(IPv4, new IPAddress(bytes[12..16]));
        // The local-use prefix may be any length from /48 to /96, which places the IPv4 address
        // elsewhere; only the /96 form can be read for certain, so the others stay shut.
        if (Nat64LocalUse.Contains(address)) return Nat64LocalUseOther;
        if (SixToFour.Contains(address)) return First(IPv4, new IPAddress(bytes[2..6]));
        return First(IPv6, address);
    }

    /// <summary>Whether <paramref name="network"/> lies wholly inside an organisation's private ranges.</summary>
    public static bool IsPrivate(IPNetwork network)
    {
        var family = network.BaseAddress.AddressFamily;
        var ranges = family == AddressFamily.InterNetwork ? IPv4 : IPv6;
        return ranges.Any(r => r.Private
            && r.Network.BaseAddress.AddressFamily == family
            && network.PrefixLength >= r.Network.PrefixLength
            && r.Network.Contains(network.BaseAddress));
    }

    private static SpecialUseRange? First(IReadOnlyList<SpecialUseRange> ranges, IPAddress address)
    {
        foreach (var range in ranges)
            if (range.Network.Contains(address)) return range;
        return null;
    }
}
