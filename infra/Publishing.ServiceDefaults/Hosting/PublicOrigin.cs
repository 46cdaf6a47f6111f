using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Publishing.ServiceDefaults.Hosting;

/// <summary>
/// <c>PublicBaseUrl</c>: where the public reaches Publishing (e.g. <c>https://content.example.org/</c>).
/// The only source of absolute links (Atom, webhook payloads, sign-in redirects): a request's Host
/// or X-Forwarded-* headers are the client's to choose, so they never become a link someone else
/// follows. Development defaults to the standalone host's <c>http://localhost:5000/</c>.
/// </summary>
public sealed record PublicOrigin(Uri BaseUrl)
{
    public const string Key = "PublicBaseUrl";

    public Uri Link(string path) => new(BaseUrl, path.TrimStart('/'));

    public static PublicOrigin From(IConfiguration config, IHostEnvironment environment)
    {
        var value = config[Key];
        if (string.IsNullOrWhiteSpace(value))
        {
            if (environment.IsDevelopment()) return new PublicOrigin(new Uri("http://localhost:5000/"));
            throw new StartupRefusedException(
                $"{Key} is not set. Links in feeds, webhooks and sign-in redirects are built only from it (never from a " +
                "request's Host header): set it to the public address, e.g. https://content.example.org/.");
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
            throw new StartupRefusedException($"{Key} '{value}' must be an absolute http(s) URL without query, fragment or user name.");
        return new PublicOrigin(new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/"));
    }

    /// <summary>Reads and checks the setting while the host is built, so a bad value stops the start, not a request.</summary>
    public static PublicOrigin AddPublicOrigin(WebApplicationBuilder builder)
    {
        var origin = From(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(origin);
        return origin;
    }
}
