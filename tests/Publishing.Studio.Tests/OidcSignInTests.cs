using Microsoft.Extensions.Logging;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Publishing.Standalone;
using Publishing.Testing;
using Xunit;

namespace Publishing.Studio.Tests;

/// <summary>
/// The Studio in Production behind TLS, signing people in at a real OpenID Connect provider (its own
/// process): code flow with PKCE, redirects to PublicBaseUrl, Secure cookies, and pages that cannot be
/// framed and run only their own scripts. No development sign-in is offered, and nothing logs an error.
/// </summary>
public sealed class OidcSignInTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly TestCertificates _tls = TestCertificates.Create();
    private readonly ErrorLog _errors = new();
    private OidcProvider _idp = null!;
    private ServiceHost _host = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private string _studio = "";

    public async Task InitializeAsync()
    {
        int https = FreePort.Next(), http = FreePort.Next();
        _studio = $"https://127.0.0.1:{https}";
        _idp = await OidcProvider.StartAsync(new OidcProviderOptions
        {
            StudioRedirectUris = [new Uri($"{_studio}/signin-oidc")],
            StudioPostLogoutRedirectUris = [new Uri($"{_studio}/signout-callback-oidc")],
        });
        var pfx = Path.Combine(_data.Path, "studio.pfx");
        _tls.WriteServerPfx(pfx, "test");
        var settings = ProductionSettings.For(_idp, _data.Sub("host"), https);
        // TLS at the edge for people; the Studio calls the APIs on the plain internal listener, as behind a proxy.
        settings["Urls"] = $"{_studio};http://127.0.0.1:{http}";
        settings["PublicBaseUrl"] = $"{_studio}/";
        settings["Kestrel:Certificates:Default:Path"] = pfx;
        settings["Kestrel:Certificates:Default:Password"] = "test";
        foreach (var api in new[] { "Authoring", "Review", "Search", "Notifications" }) settings[$"Studio:Services:{api}"] = $"http://127.0.0.1:{http}/";
        settings["Seed:Enabled"] = "true";
        _host = await ServiceHost.StartAsync((a, c) => StandaloneHost.Create(a, b => { c?.Invoke(b); b.Logging.AddProvider(_errors); }), settings, "Production");

        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = StudioFixture.ChromiumPath, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
    }

    private async Task<IPage> NewPageAsync()
    {
        // The test CA is not in Chromium's trust store; the Studio and the provider both present its certificates.
        var context = await _browser.NewContextAsync(new() { IgnoreHTTPSErrors = true, ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    [Fact]
    public async Task A_reviewer_signs_in_at_the_provider_and_works_with_their_own_identity()
    {
        var page = await NewPageAsync();
        var signIn = await page.GotoAsync($"{_studio}/SignIn");
        Assert.Equal(0, await page.GetByText("Development sign-in").CountAsync());

        var headers = await signIn!.AllHeadersAsync();
        Assert.Contains("frame-ancestors 'none'", headers["content-security-policy"]);
        Assert.Contains("script-src 'self'", headers["content-security-policy"]);
        Assert.Contains(_idp.Authority.GetLeftPart(UriPartial.Authority), headers["content-security-policy"]); // the sign-in form posts there
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.Contains("max-age=", headers["strict-transport-security"]);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with your organisation's account" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("^" + Regex.Escape(_idp.Authority.ToString())));
        await page.GetByLabel("Username").FillAsync("aisha");
        await page.GetByLabel("Password").FillAsync("aisha-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync("Aisha Rahman");
        Assert.StartsWith(_studio, page.Url);
        await Assertions.Expect(page.Locator("header")).ToContainTextAsync("Clinical pharmacist");
        // The API accepted the provider's access token that the Studio keeps for her.
        await page.GotoAsync($"{_studio}/");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Imatinib", Exact = false }).First).ToBeVisibleAsync();
        // The pages that hold the approve and withdraw buttons cannot be framed (clickjacking) and run only our scripts.
        foreach (var path in new[] { "/Reviews", "/Content/Withdraw/imatinib", "/Content/Edit/imatinib" })
        {
            var response = await page.GotoAsync($"{_studio}{path}");
            Assert.Equal(200, response!.Status);
            var pageHeaders = await response.AllHeadersAsync();
            Assert.Contains("frame-ancestors 'none'", pageHeaders["content-security-policy"]);
            Assert.DoesNotContain("unsafe-inline", pageHeaders["content-security-policy"]);
            Assert.Equal("DENY", pageHeaders["x-frame-options"]);
            Assert.Contains("max-age=", pageHeaders["strict-transport-security"]);
        }

        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "publishing-studio");
        Assert.True(cookie.Secure, "the sign-in cookie must be Secure outside Development");
        Assert.True(cookie.HttpOnly);
        Assert.Empty(_errors.Entries);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        if (_host is not null) await _host.DisposeAsync();
        if (_idp is not null) await _idp.DisposeAsync();
        _tls.Dispose();
        _data.Dispose();
    }
}
