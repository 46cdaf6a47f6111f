using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Publishing.ServiceDefaults.Hosting;

namespace Publishing.Studio.Auth;

/// <summary>
/// The origins of the provider's pages as the browser reaches them: its authorization endpoint (sign-in) and
/// end-session endpoint (sign-out). The Studio's sign-in and sign-out forms post to the Studio, which redirects
/// the browser there, and browsers apply the pages' <c>form-action</c> to that redirect, so these are the origins
/// it must allow. They need not be the authority's: behind Keycloak's frontend URL the services reach
/// <c>https://keycloak:8443</c> while browsers are sent to <c>https://localhost:8443</c>.
/// <c>Studio:Oidc:BrowserOrigin</c> names the origin when set; otherwise the endpoints are read from the
/// provider's discovery document (the one the sign-in handler redirects with) while the host starts, before
/// the server takes requests and before the first page's policy is built.
/// </summary>
public sealed class ProviderBrowserOrigins
{
    private IReadOnlyList<string>? _origins;

    public IReadOnlyList<string> Origins =>
        _origins ?? throw new InvalidOperationException("The provider's browser origins are read while the host starts; nothing may ask for them before.");

    internal void Set(IEnumerable<string> origins) => _origins = origins.Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    internal static string Origin(Uri uri) => uri.GetLeftPart(UriPartial.Authority);
}

/// <summary>Fills <see cref="ProviderBrowserOrigins"/> at start-up; a provider that cannot be read in time stops the start.</summary>
internal sealed class ProviderBrowserOriginsCheck(
    ProviderBrowserOrigins origins, OidcSettings settings, IOptionsMonitor<OpenIdConnectOptions> oidc, ILogger<ProviderBrowserOriginsCheck> log)
    : IHostedService
{
    /// <summary>How long the start waits for the provider (it may be starting beside us).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);

    public async Task StartAsync(CancellationToken ct)
    {
        if (settings.BrowserOrigin is { } configured)
        {
            origins.Set([ProviderBrowserOrigins.Origin(configured)]);
            return;
        }

        var manager = oidc.Get(StudioAuth.OidcScheme).ConfigurationManager!;
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
        patience.CancelAfter(Patience);
        Exception? last = null;
        // Bounded by the patience token: each pass either answers, fails, or is cancelled by it.
        while (!patience.IsCancellationRequested)
        {
            try
            {
                var discovery = await manager.GetConfigurationAsync(patience.Token);
                var endpoints = new[] { discovery.AuthorizationEndpoint, discovery.EndSessionEndpoint }
                    .Where(e => !string.IsNullOrEmpty(e)).Select(e => new Uri(e, UriKind.Absolute)).ToList();
                if (endpoints.Count == 0)
                    throw new StartupRefusedException($"The discovery document of {settings.Authority} names no authorization endpoint: the Studio cannot send anyone to sign in.");
                origins.Set(endpoints.Select(ProviderBrowserOrigins.Origin));
                log.LogInformation("Sign-in forms may post to {Origins} (the provider's authorization and end-session endpoints).", string.Join(" ", origins.Origins));
                return;
            }
            catch (Exception e) when (e is InvalidOperationException or HttpRequestException or OperationCanceledException or UriFormatException)
            {
                ct.ThrowIfCancellationRequested();
                last = e;
                log.LogWarning("The provider's discovery document at {Authority} could not be read yet: {Reason}", settings.Authority, e.Message);
                try { await Task.Delay(Pause, patience.Token); }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
            }
        }
        throw new StartupRefusedException(
            $"The Studio could not read the discovery document of its OpenID Connect provider {settings.Authority} within {Patience.TotalSeconds:0} s " +
            $"({last?.Message}). Check that the provider is up and that Auth:AuthorityCaCertificate trusts it, or set Studio:Oidc:BrowserOrigin " +
            "to the origin browsers sign in at.");
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
