using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Publishing.ServiceDefaults.Hosting;

/// <summary>
/// Headers every response carries. Pages (text/html, the Studio) get a policy that runs only the
/// site's own scripts and styles, posts forms only to itself and the sign-in provider, and cannot be
/// framed (so approve and withdraw buttons cannot be clickjacked); everything else (JSON, Atom) may
/// load nothing at all.
/// </summary>
public sealed class SecurityHeadersOptions
{
    /// <summary>Extra origins forms may post or redirect to, e.g. the OpenID Connect provider.</summary>
    public List<string> FormActionOrigins { get; } = [];

    internal string PagePolicy() =>
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; " +
        $"form-action 'self'{string.Concat(FormActionOrigins.Select(o => " " + o))}; frame-ancestors 'none'";

    internal const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";
}

public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        // Built once, at the first response rather than here: the pipeline is configured before the host's start-up
        // checks run, and one of them may add to the options (the Studio reads its provider's sign-in origin).
        // PublicationOnly: a failure (options asked for too early) is not kept, the next response tries again.
        var pagePolicy = new Lazy<string>(() =>
            (app.ApplicationServices.GetService<Microsoft.Extensions.Options.IOptions<SecurityHeadersOptions>>()?.Value ?? new()).PagePolicy(),
            LazyThreadSafetyMode.PublicationOnly);
        return app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                // An endpoint may have asked for a stricter one (a preview link's page sends none at all).
                if (!headers.ContainsKey("Referrer-Policy")) headers["Referrer-Policy"] = "same-origin";
                var html = http.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true;
                headers.ContentSecurityPolicy = html ? pagePolicy.Value : SecurityHeadersOptions.ApiPolicy;
                return Task.CompletedTask;
            });
            return next(http);
        });
    }
}
