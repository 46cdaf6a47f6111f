using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Publishing.Notifications.Webhooks;

/// <summary>
/// The SSRF guard: which addresses a webhook may reach. Checked when a subscription is created and
/// again at connect time (<see cref="WebhookHttp"/>), after DNS, so a name that later resolves to an
/// internal address (or a redirect, which is never followed anyway) cannot reach one.
/// </summary>
public sealed class AddressGuard
{
    private static readonly IPNetwork[] ForbiddenV4 =
    [
        IPNetwork.Parse("0.0.0.0/8"),       // "this network", unspecified
        IPNetwork.Parse("10.0.0.0/8"),      // private
        IPNetwork.Parse("100.64.0.0/10"),   // carrier-grade NAT
        IPNetwork.Parse("127.0.0.0/8"),     // loopback
        IPNetwork.Parse("169.254.0.0/16"),  // link-local (cloud metadata lives here)
        IPNetwork.Parse("172.16.0.0/12"),   // private
        IPNetwork.Parse("192.0.0.0/24"),    // IETF protocol assignments
        IPNetwork.Parse("192.0.2.0/24"),    // documentation
        IPNetwork.Parse("192.168.0.0/16"),  // private
        IPNetwork.Parse("198.18.0.0/15"),   // benchmarking
        IPNetwork.Parse("198.51.100.0/24"), // documentation
        IPNetwork.Parse("203.0.113.0/24"),  // documentation
        IPNetwork.Parse("224.0.0.0/4"),     // multicast
        IPNetwork.Parse("240.0.0.0/4"),     // reserved, broadcast
    ];

    private static readonly IPNetwork[] ForbiddenV6 =
    [
        IPNetwork.Parse("::/96"),           // unspecified, loopback, IPv4-compatible
        IPNetwork.Parse("100::/64"),        // discard
        IPNetwork.Parse("2001:db8::/32"),   // documentation
        IPNetwork.Parse("fc00::/7"),        // unique local (private)
        IPNetwork.Parse("fe80::/10"),       // link-local
        IPNetwork.Parse("fec0::/10"),       // site-local (deprecated)
        IPNetwork.Parse("ff00::/8"),        // multicast
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    private readonly bool _allowPrivate;
    private readonly IPNetwork[] _allowed;

    public AddressGuard(IOptions<WebhookOptions> options)
    {
        _allowPrivate = options.Value.AllowPrivateNetworks;
        _allowed = options.Value.AllowedNetworks.Select(IPNetwork.Parse).ToArray();
    }

    public bool AllowsPrivateNetworks => _allowPrivate;

    /// <summary>True when a webhook may connect to <paramref name="address"/>.</summary>
    public bool Permits(IPAddress address)
    {
        if (_allowPrivate) return true;
        var normal = Normalize(address);
        if (_allowed.Any(n => n.Contains(normal))) return true;
        return !IsInternal(normal);
    }

    /// <summary>Loopback, private, link-local, CGNAT, multicast, unspecified or reserved, in any IPv4-in-IPv6 form.</summary>
    public static bool IsInternal(IPAddress address)
    {
        var a = Normalize(address);
        if (a.AddressFamily == AddressFamily.InterNetwork) return ForbiddenV4.Any(n => n.Contains(a));
        if (a.AddressFamily != AddressFamily.InterNetworkV6) return true;
        if (ForbiddenV6.Any(n => n.Contains(a))) return true;
        // NAT64 and 6to4 embed an IPv4 address that the gateway would reach for us.
        var bytes = a.GetAddressBytes();
        if (Nat64.Contains(a)) return IsInternal(new IPAddress(bytes[12..16]));
        if (SixToFour.Contains(a)) return IsInternal(new IPAddress(bytes[2..6]));
        return false;
    }

    private static IPAddress Normalize(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>
    /// Checks a subscription URL: absolute http(s), and (unless private networks are allowed) a host
    /// that resolves only to permitted addresses.
    /// </summary>
    /// <returns>null when acceptable, otherwise why not.</returns>
    public async Task<string?> CheckUrlAsync(string url, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return "The URL must be an absolute http or https URL.";
        if (!string.IsNullOrEmpty(uri.UserInfo))
            return "The URL must not carry credentials.";
        if (string.IsNullOrEmpty(uri.Host))
            return "The URL has no host.";
        if (_allowPrivate) return null;

        IPAddress[] addresses;
        if (IPAddress.TryParse(uri.DnsSafeHost, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                addresses = await Dns.GetHostAddressesAsync(uri.DnsSafeHost, timeout.Token);
            }
            catch (Exception ex) when (ex is SocketException or ArgumentException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
            {
                return $"The host '{uri.Host}' does not resolve.";
            }
        }

        if (addresses.Length == 0) return $"The host '{uri.Host}' does not resolve.";
        if (addresses.FirstOrDefault(a => !Permits(a)) is { } refused)
            return $"The host '{uri.Host}' resolves to {refused}, a loopback, private, link-local or otherwise internal address.";
        return null;
    }
}

/// <summary>A connection refused by the SSRF guard.</summary>
public sealed class AddressRefusedException(string message) : IOException(message);
