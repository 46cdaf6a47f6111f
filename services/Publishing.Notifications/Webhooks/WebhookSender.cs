using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace Publishing.Notifications.Webhooks;

/// <summary>What one attempt came to.</summary>
/// <param name="Status">The HTTP status, or null when no response came.</param>
/// <param name="RetryAfter">A 429 or 503's Retry-After, as a delay from now.</param>
public sealed record AttemptResult(int? Status, long DurationMs, string? Error, TimeSpan? RetryAfter)
{
    public bool Delivered => Status is >= 200 and < 300;
    public bool Gone => Status == StatusCodes.Status410Gone;

    /// <summary>Whether this says the endpoint itself is unwell (counts towards its circuit breaker).</summary>
    public bool EndpointFailure => Status is null or >= 500;
}

/// <summary>Sends one attempt of a webhook, signed by <see cref="WebhookSignature"/>, with a deadline and a capped read.</summary>
public sealed class WebhookSender(HttpClient http, IOptions<WebhookOptions> options)
{
    private readonly WebhookOptions _options = options.Value;

    public async Task<AttemptResult> SendAsync(
        string url, string secret, string webhookId, string body, DateTimeOffset timestamp, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, new UTF8Encoding(false), "application/json"),
        };
        WebhookSignature.AddHeaders(request, secret, webhookId, timestamp, body);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(_options.AttemptTimeout);
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var status = (int)response.StatusCode;
            await DiscardCappedAsync(response.Content, deadline.Token);
            watch.Stop();
            if (response.IsSuccessStatusCode) return new AttemptResult(status, watch.ElapsedMilliseconds, null, null);

            TimeSpan? retryAfter = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
                ? RetryAfter(response.Headers.RetryAfter, timestamp)
                : null;
            return new AttemptResult(status, watch.ElapsedMilliseconds, AttemptReasons.Status(status, retryAfter), retryAfter);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The handler's connect timeout cancels too, before the attempt's own deadline.
            var reason = deadline.IsCancellationRequested
                ? AttemptReasons.TimedOut(_options.AttemptTimeout)
                : AttemptReasons.ConnectTimedOut(WebhookHttp.ConnectTimeout);
            return new AttemptResult(null, watch.ElapsedMilliseconds, reason, null);
        }
        catch (HttpRequestException ex)
        {
            return new AttemptResult(null, watch.ElapsedMilliseconds, AttemptReasons.NoResponse(ex), null);
        }
    }

    /// <summary>Retry-After as seconds or an HTTP date, as a delay from <paramref name="now"/>; never negative.</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header is null) return null;
        var delay = header.Delta ?? (header.Date is { } date ? date - now : (TimeSpan?)null);
        if (delay is null) return null;
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }

    /// <summary>Reads a short body to its end (so the connection can be reused) and keeps none of it.</summary>
    private async Task DiscardCappedAsync(HttpContent content, CancellationToken ct)
    {
        var buffer = new byte[Math.Clamp(_options.MaxResponseBytes, 0, 16 * 1024)];
        await using var stream = await content.ReadAsStreamAsync(ct);
        var read = 0;
        while (read < _options.MaxResponseBytes)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, _options.MaxResponseBytes - read)), ct);
            if (n == 0) break;
            read += n;
        }
        // Whatever is left is not read: disposing the response drops the connection instead.
    }
}
