using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Publishing.Testing;

namespace Publishing.Studio.Tests;

/// <summary>
/// A person signed in at the provider keeps working after the access token in their Studio cookie has
/// expired: the Studio renews it with the provider's refresh token. When the provider no longer honours the
/// refresh token, the person is sent to sign in again rather than left with pages that cannot call the APIs.
/// </summary>
public sealed class OidcSignInRefreshTests : IAsyncLifetime
{
    /// <summary>Seconds, so expiry happens within the test (the services allow 1 s of clock skew).</summary>
    private static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromSeconds(6);

    private OidcStudio _studio = null!;

    public async Task InitializeAsync() =>
        _studio = await OidcStudio.StartAsync(new OidcProviderOptions { AccessTokenLifetime = AccessTokenLifetime });

    [Fact]
    public async Task A_reviewer_keeps_working_past_the_access_tokens_expiry_until_the_provider_refuses_to_renew_it()
    {
        var studio = _studio.Url;
        var page = await _studio.NewPageAsync();
        await page.GotoAsync($"{studio}/SignIn");
        await _studio.SignInAsync(page, "aisha");

        // Every access token she has had so far has expired; the pages still read through the APIs as her.
        await Task.Delay(AccessTokenLifetime + TimeSpan.FromSeconds(2));
        await page.GotoAsync($"{studio}/");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Imatinib", Exact = false }).First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("problem")).ToHaveCountAsync(0);

        await Task.Delay(AccessTokenLifetime + TimeSpan.FromSeconds(2));
        await page.GotoAsync($"{studio}/Reviews");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Review queue" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Nothing is waiting for review.").Or(page.GetByTestId("queue"))).ToBeVisibleAsync();
        await Expect(page.GetByTestId("problem")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync("Aisha Rahman");

        // The provider restarts and can no longer read the refresh tokens it issued (as if it had revoked them).
        await _studio.Idp.RestartAsync();
        await page.GotoAsync($"{studio}/Reviews");

        await page.WaitForURLAsync(new Regex("^" + Regex.Escape($"{studio}/SignIn")));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in with your organisation's account" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("signed-in-user")).ToHaveCountAsync(0);
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "publishing-studio");
        Assert.Empty(_studio.Errors.Entries);
    }

    public async Task DisposeAsync()
    {
        if (_studio is not null) await _studio.DisposeAsync();
    }
}
