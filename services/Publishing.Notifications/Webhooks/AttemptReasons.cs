using System.Globalization;
using System.Net.Http;
using System.Net.Sockets;

namespace Publishing.Notifications.Webhooks;

/// <summary>
/// The short reason the delivery log keeps for an attempt that did not deliver, in our own words.
/// Nothing a remote site sends (its body, its status text, a redirect target, an exception message
/// quoting its bytes) is ever part of it: the log is read by admins, and an endpoint could be an
/// internal service whose error page is not theirs to see.
/// </summary>
public static class AttemptReasons
{
    public const int MaxLength = 200;

    public static string Status(int status, TimeSpan? retryAfter) => status switch
    {
        >= 300 and < 400 => $"HTTP {status} from the endpoint: redirects are not followed",
        410 => "HTTP 410 from the endpoint: gone, so the subscription is disabled",
        _ when retryAfter is { } wait => $"HTTP {status} from the endpoint, asked to retry after {Seconds(wait)} s",
        _ => $"HTTP {status} from the endpoint",
    };

    public static string TimedOut(TimeSpan limit) => $"timed out after {Seconds(limit)} s";

    public static string ConnectTimedOut(TimeSpan limit) => $"connection timed out after {Seconds(limit)} s";

    public const string Interrupted =
        "interrupted: the process sending it stopped before the outcome was recorded; the site may have received it";

    public const string SecretUnreadable =
        "not sent: the signing secret cannot be decrypted (the Data Protection key ring is missing or was replaced)";

    /// <summary>Why a request got no response, from the kind of failure, never from its message.</summary>
    public static string NoResponse(HttpRequestException ex)
    {
        if (Find<AddressRefusedException>(ex) is { } refused) return Short(refused.Message); // written by WebhookHttp
        var reason = Find<SocketException>(ex)?.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "connection refused",
            SocketError.TimedOut => "connection timed out",
            SocketError.ConnectionReset or SocketError.ConnectionAborted => "connection reset by the endpoint",
            SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "the host name does not resolve",
            SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.HostDown => "the host is unreachable",
            _ => null,
        };
        return reason ?? ex.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "the host name does not resolve",
            HttpRequestError.ConnectionError => "could not connect",
            HttpRequestError.SecureConnectionError => "TLS handshake failed (certificate not trusted or not valid for the host, or no common protocol)",
            HttpRequestError.InvalidResponse or HttpRequestError.HttpProtocolError => "the endpoint did not answer in valid HTTP",
            HttpRequestError.ResponseEnded => "the endpoint closed the connection without answering",
            HttpRequestError.ConfigurationLimitExceeded => "the response headers were too large",
            HttpRequestError.VersionNegotiationError => "no common HTTP version",
            _ => "the request failed without a response",
        };
    }

    /// <summary>At most <see cref="MaxLength"/> characters.</summary>
    public static string Short(string reason) => reason.Length <= MaxLength ? reason : reason[..(MaxLength - 1)] + "…";

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static T? Find<T>(Exception ex) where T : Exception
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
            if (e is T found) return found;
        return null;
    }
}
