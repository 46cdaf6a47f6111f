using System.Net;
using Publishing.ServiceDefaults.Hosting;

namespace Publishing.Notifications.Webhooks;

/// <summary>
/// Which internal addresses webhooks may reach, decided once at start-up.
/// <list type="bullet">
/// <item><c>Notifications:Webhooks:AllowPrivateNetworks</c>: every address, loopback included. A
/// development aid (test receivers listen on loopback), refused outside Development.</item>
/// <item><c>Notifications:Webhooks:AllowedPrivateNetworks</c>: CIDR ranges (a list, or one comma-separated
/// value, e.g. <c>10.20.0.0/16</c>) of the organisation's own network where a subscriber lives. Only
/// private ranges (RFC 1918, unique local fc00::/7) may be listed: loopback, link-local (cloud
/// metadata) and every other special-use block stay shut whatever is listed, and a listed range
/// that is not private stops the start.</item>
/// </list>
/// </summary>
public sealed record PrivateNetworkAccess(bool AllowAll, IReadOnlyList<IPNetwork> Allowed)
{
    public const string AllowAllKey = "Notifications:Webhooks:AllowPrivateNetworks";
    public const string AllowedKey = "Notifications:Webhooks:AllowedPrivateNetworks";

    /// <summary>The setting this one replaced, which exempted any range, loopback and metadata included.</summary>
    public const string RetiredKey = "Notifications:Webhooks:AllowedNetworks";

    public static readonly PrivateNetworkAccess None = new(false, []);

    public static PrivateNetworkAccess From(IConfiguration config, IHostEnvironment environment)
    {
        if (Values(config, RetiredKey).Count > 0)
            throw new StartupRefusedException(
                $"{RetiredKey} is no longer read: it could open loopback and cloud metadata. List your internal subscribers' " +
                $"private ranges in {AllowedKey} instead (RFC 1918 or fc00::/7 only).");

        var allowAll = DevelopmentOnly.Switch(config, environment, AllowAllKey);
        var allowed = new List<IPNetwork>();
        foreach (var value in Values(config, AllowedKey))
        {
            // The address must be the range's first: 10.20.1.5/16 is more likely a typo than 10.20.0.0/16.
            if (!IPNetwork.TryParse(value, out var network) || !value.Contains('/')
                || !IPAddress.TryParse(value[..value.IndexOf('/')], out var start) || !start.Equals(network.BaseAddress))
                throw new StartupRefusedException(
                    $"{AllowedKey} has '{value}', which is not a CIDR range with its host bits zero (e.g. 10.20.0.0/16).");
            if (!SpecialUseAddresses.IsPrivate(network))
                throw new StartupRefusedException(
                    $"{AllowedKey} has '{value}', which is not inside a private range (10.0.0.0/8, 172.16.0.0/12, " +
                    "192.168.0.0/16, fc00::/7). Loopback, link-local (cloud metadata) and other special-use or public ranges " +
                    "cannot be opened to webhooks.");
            allowed.Add(network);
        }
        return new PrivateNetworkAccess(allowAll, allowed);
    }

    /// <summary>
    /// Whether <paramref name="address"/>, in the special-use block <paramref name="range"/>, is opened
    /// here. Only a listed private address itself: an IPv4 address embedded in an IPv6 one is not.
    /// </summary>
    public bool Opens(IPAddress address, SpecialUseRange range)
    {
        if (AllowAll) return true;
        if (!range.Private) return false;
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return Allowed.Any(n => n.Contains(plain));
    }

    private static List<string> Values(IConfiguration config, string key)
    {
        var section = config.GetSection(key);
        var values = section.GetChildren().Select(c => c.Value ?? "").Concat((section.Value ?? "").Split(','));
        return values.Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
    }
}
