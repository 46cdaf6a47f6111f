using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Publishing.ServiceDefaults.Limits;

/// <summary>
/// Per-client limits on what anyone may call without signing in, so one client cannot take the
/// service from everyone else. A client is its connection's remote address (the real client's only
/// where <c>ForwardedHeaders:KnownProxies</c> names the proxy in front); a signed-in caller is its
/// subject, with its own bucket. Each policy is a token bucket set by
/// <c>RateLimits:{Policy}:PermitsPerSecond</c> and <c>:Burst</c>. A refused request gets 429, a
/// problem, and <c>Retry-After</c>.
/// </summary>
public static class RateLimits
{
    /// <summary><c>GET /api/published/*</c>, the change feed and Atom.</summary>
    public const string PublicReads = "PublicReads";

    /// <summary><c>GET /api/search</c>: each query costs index work.</summary>
    public const string Search = "Search";

    /// <summary>Token issuing (the development issuer).</summary>
    public const string Tokens = "Tokens";

    private static readonly Dictionary<string, (double PerSecond, int Burst)> Defaults = new()
    {
        [PublicReads] = (20, 100),
        [Search] = (10, 40),
        [Tokens] = (2, 20),
    };

    public static IServiceCollection AddPublishingRateLimits(this IServiceCollection services, IConfiguration config)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = WriteRejectionAsync;
            foreach (var (name, fallback) in Defaults)
            {
                var section = config.GetSection($"RateLimits:{name}");
                var perSecond = section.GetValue("PermitsPerSecond", fallback.PerSecond);
                var burst = section.GetValue("Burst", fallback.Burst);
                if (perSecond <= 0 || burst < 1)
                    throw new Hosting.StartupRefusedException($"RateLimits:{name} needs PermitsPerSecond > 0 and Burst >= 1.");
                var bucket = Bucket(perSecond, burst);
                o.AddPolicy(name, http => RateLimitPartition.GetTokenBucketLimiter(ClientKey(http), _ => bucket));
            }
        });
        return services;
    }

    /// <summary>Refills at least ten times a second (or one token at a time below ten a second), so permits arrive evenly.</summary>
    private static TokenBucketRateLimiterOptions Bucket(double perSecond, int burst) => new()
    {
        TokenLimit = burst,
        ReplenishmentPeriod = perSecond >= 10 ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1 / perSecond),
        TokensPerPeriod = perSecond >= 10 ? (int)Math.Round(perSecond / 10) : 1,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static string ClientKey(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true && http.User.FindFirst("sub")?.Value is { } sub
            ? "sub:" + sub
            : "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private static async ValueTask WriteRejectionAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too Many Requests",
                Detail = $"This client has made too many requests; try again in {seconds} s.",
            },
        });
    }
}
