using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Publishing.Standalone;
using Publishing.Testing;

namespace Publishing.Studio.Tests;

/// <summary>
/// The Studio in Production behind TLS (the standalone host: people reach it over https, its pages call the
/// APIs on a plain internal listener, as behind a proxy), signing people in at a test OpenID Connect provider
/// running as its own process, and Chromium to sign in with. Every error the host logs is kept.
/// </summary>
public sealed class OidcStudio : IAsyncDisposable
{
    private readonly TempDirectory _data = new();
    private readonly TestCertificates _tls = TestCertificates.Create();
    private ServiceHost? _host;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private OidcStudio(string studio) => Url = studio;

    /// <summary>The Studio as people reach it, e.g. <c>https://127.0.0.1:PORT</c>.</summary>
    public string Url { get; }

    public OidcProvider Idp { get; private set; } = null!;
    public ErrorLog Errors { get; } = new();

    /// <summary>Starts the provider (with <paramref name="provider"/>'s options, the Studio's addresses added), the Studio and Chromium.</summary>
    public static async Task<OidcStudio> StartAsync(OidcProviderOptions? provider = null)
    {
        int https = FreePort.Next(), http = FreePort.Next();
        var studio = new OidcStudio($"https://127.0.0.1:{https}");
        try
        {
            await studio.StartAsync(provider ?? new OidcProviderOptions(), https, http);
            return studio;
        }
        catch
        {
            await studio.DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync(OidcProviderOptions provider, int https, int http)
    {
        Idp = await OidcProvider.StartAsync(provider with
        {
            StudioRedirectUris = [new Uri($"{Url}/signin-oidc")],
            StudioPostLogoutRedirectUris = [new Uri($"{Url}/signout-callback-oidc")],
        });
        var pfx = Path.Combine(_data.Path, "studio.pfx");
        _tls.WriteServerPfx(pfx, "test");
        var settings = ProductionSettings.For(Idp, _data.Sub("host"), https);
        settings["Urls"] = $"{Url};http://127.0.0.1:{http}";
        settings["PublicBaseUrl"] = $"{Url}/";
        settings["Kestrel:Certificates:Default:Path"] = pfx;
        settings["Kestrel:Certificates:Default:Password"] = "test";
        foreach (var api in new[] { "Authoring", "Review", "Search", "Notifications" }) settings[$"Studio:Services:{api}"] = $"http://127.0.0.1:{http}/";
        settings["Seed:Enabled"] = "true";
        _host = await ServiceHost.StartAsync((a, c) => StandaloneHost.Create(a, b => { c?.Invoke(b); b.Logging.AddProvider(Errors); }), settings, "Production");

        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = StudioFixture.ChromiumPath, Headless = true,
            // A provider whose browser origin is https://localhost:PORT still listens on 127.0.0.1 only.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--host-resolver-rules=MAP localhost 127.0.0.1"],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        // The test CA is not in Chromium's trust store; the Studio and the provider both present its certificates.
        var context = await _browser!.NewContextAsync(new() { IgnoreHTTPSErrors = true, ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>From the Studio's sign-in page through the provider's form, back to the Studio as <paramref name="username"/>.</summary>
    public async Task SignInAsync(IPage page, string username)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with your organisation's account" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(Idp.BrowserOrigin.ToString(), StringComparison.Ordinal));
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(Idp.User(username).Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync(Idp.User(username).Name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        if (_host is not null) await _host.DisposeAsync();
        if (Idp is not null) await Idp.DisposeAsync();
        _tls.Dispose();
        _data.Dispose();
    }
}
