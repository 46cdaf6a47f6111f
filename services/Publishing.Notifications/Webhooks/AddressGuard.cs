using System.Net;
using System.Net.Sockets;

namespace Publishing.Notifications.Webhooks;

/// <summary>
/// The SSRF guard: which addresses a webhook may reach. Checked when a subscription is created and
/// again at connect time (<see cref="WebhookHttp"/>), after DNS, so a name that later resolves to an
/// internal address (or a redirect, which is never followed anyway) cannot reach one. What counts as
/// internal is <see cref="SpecialUseAddresses"/>; what this deployment opens is <see cref="PrivateNetworkAccess"/>.
/// </summary>
public sealed class AddressGuard(PrivateNetworkAccess access, WebhookNetwork network)
{
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(5);

    public bool AllowsPrivateNetworks => access.AllowAll;

    /// <summary>The special-use block that keeps a webhook from <paramref name="address"/>, or null when it may connect.</summary>
    public SpecialUseRange? Refusal(IPAddress address) =>
        SpecialUseAddresses.Find(address) is { } range && !access.Opens(address, range) ? range : null;

    /// <summary>True when a webhook may connect to <paramref name="address"/>.</summary>
    public bool Permits(IPAddress address) => Refusal(address) is null;

    /// <summary>Loopback, private, link-local, CGNAT, multicast, reserved or any other special use, in any IPv4-in-IPv6 form.</summary>
    public static bool IsInternal(IPAddress address) => SpecialUseAddresses.Find(address) is not null;

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
        if (access.AllowAll) return null;

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
                timeout.CancelAfter(ResolveTimeout);
                addresses = await network.ResolveAsync(uri.DnsSafeHost, timeout.Token);
            }
            catch (Exception ex) when (ex is SocketException or ArgumentException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
            {
                return $"The host '{uri.Host}' does not resolve.";
            }
        }

        if (addresses.Length == 0) return $"The host '{uri.Host}' does not resolve.";
        foreach (var address in addresses)
        {
            if (Refusal(address) is not { } range) continue;
            var hint = range.Private
                ? $" A subscriber on your own network needs its range in {PrivateNetworkAccess.AllowedKey}."
                : "";
            return $"The host '{uri.Host}' resolves to {address}, which is in {range}: webhooks never reach special-use addresses.{hint}";
        }
        return null;
    }
}

/// <summary>A connection refused by the SSRF guard; its message is the short reason the delivery log shows.</summary>
public sealed class AddressRefusedException(string message) : IOException(message);
