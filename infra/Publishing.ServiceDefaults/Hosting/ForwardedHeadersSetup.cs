using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;

namespace Publishing.ServiceDefaults.Hosting;

/// <summary>
/// X-Forwarded-For and -Proto are believed only from the proxies named in
/// <c>ForwardedHeaders:KnownProxies</c> (addresses) or <c>ForwardedHeaders:KnownNetworks</c> (CIDR).
/// With neither, the headers are ignored: the client address is the connection's, the scheme the
/// listener's. They affect only who a client is for rate limits and whether a request came over TLS
/// (HSTS, secure cookies); links come from <see cref="PublicOrigin"/> either way.
/// </summary>
public static class ForwardedHeadersSetup
{
    public static IApplicationBuilder UseConfiguredForwardedHeaders(this IApplicationBuilder app, IConfiguration config)
    {
        var proxies = config.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
        var networks = config.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [];
        if (proxies.Length == 0 && networks.Length == 0) return app;

        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var ip) ? ip
                : throw new StartupRefusedException($"ForwardedHeaders:KnownProxies '{proxy}' is not an IP address."));
        foreach (var network in networks)
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var n) ? n
                : throw new StartupRefusedException($"ForwardedHeaders:KnownNetworks '{network}' is not a CIDR range."));
        return app.UseForwardedHeaders(options);
    }
}
