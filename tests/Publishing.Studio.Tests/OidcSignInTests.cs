using Microsoft.Playwright;

namespace Publishing.Studio.Tests;

/// <summary>
/// The Studio in Production behind TLS, signing people in at a real OpenID Connect provider (its own
/// process): code flow with PKCE, redirects to PublicBaseUrl, Secure cookies, and pages that cannot be
/// framed and run only their own scripts. The provider's sign-in and sign-out pages are at another origin
/// than the one the Studio talks to (https://localhost:PORT for browsers, https://127.0.0.1:PORT for the
/// Studio, as Keycloak's frontend URL does in compose), so the pages' form-action must allow the one the
/// browser is redirected to. No development sign-in is offered, and nothing logs an error.
/// </summary>
public sealed class OidcSignInTests : IAsyncLifetime
{
    private OidcStudio _studio = null!;

    public async Task InitializeAsync() =>
        _studio = await OidcStudio.StartAsync(new Publishing.Testing.OidcProviderOptions { BrowserHostName = "localhost" });

    [Fact]
    public async Task A_reviewer_signs_in_at_the_provider_and_works_with_their_own_identity()
    {
        var studio = _studio.Url;
        var page = await _studio.NewPageAsync();
        var signIn = await page.GotoAsync($"{studio}/SignIn");
        Assert.Equal(0, await page.GetByText("Development sign-in").CountAsync());

        var headers = await signIn!.AllHeadersAsync();
        Assert.Contains("frame-ancestors 'none'", headers["content-security-policy"]);
        Assert.Contains("script-src 'self'", headers["content-security-policy"]);
        // The sign-in form posts to the Studio, which redirects the browser to the provider's page at this origin.
        Assert.Contains($"form-action 'self' {_studio.Idp.BrowserOrigin.GetLeftPart(UriPartial.Authority)}", headers["content-security-policy"]);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.Contains("max-age=", headers["strict-transport-security"]);

        await _studio.SignInAsync(page, "aisha");

        Assert.StartsWith(studio, page.Url);
        await Expect(page.Locator("header")).ToContainTextAsync("Clinical pharmacist");
        // The API accepted the provider's access token that the Studio keeps for her.
        await page.GotoAsync($"{studio}/");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Imatinib", Exact = false }).First).ToBeVisibleAsync();
        // The pages that hold the approve and withdraw buttons cannot be framed (clickjacking) and run only our scripts.
        foreach (var path in new[] { "/Reviews", "/Content/Withdraw/imatinib", "/Content/Edit/imatinib" })
        {
            var response = await page.GotoAsync($"{studio}{path}");
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

        // Signing out also passes through the provider's page at its browser origin, and ends back at the Studio.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync($"{studio}/SignIn");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in with your organisation's account" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("signed-in-user")).ToHaveCountAsync(0);
        Assert.Empty(_studio.Errors.Entries);
    }

    public async Task DisposeAsync()
    {
        if (_studio is not null) await _studio.DisposeAsync();
    }
}
