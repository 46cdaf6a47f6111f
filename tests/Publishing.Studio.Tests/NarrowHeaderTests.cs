using Microsoft.Playwright;

namespace Publishing.Studio.Tests;

/// <summary>The header: on a phone its navigation folds into a menu, with or without JavaScript; on a desktop it is all in view.</summary>
[Collection(StudioCollection.Name)]
public sealed class NarrowHeaderTests(StudioFixture studio)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task On_a_phone_the_navigation_is_a_menu_that_opens_and_leads_on(bool javaScript)
    {
        var signedIn = await studio.SignInAsync("Aisha Rahman");
        var context = await studio.Browser.NewContextAsync(new()
        {
            BaseURL = studio.BaseUrl, ViewportSize = PageChecks.Phone, JavaScriptEnabled = javaScript,
            StorageState = await signedIn.Context.StorageStateAsync(),
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        var menu = page.Locator("[data-testid=site-menu] > summary");
        await Expect(menu).ToBeVisibleAsync();
        await Expect(menu).ToHaveTextAsync("Menu");
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Review queue" })).Not.ToBeVisibleAsync();
        // Measuring and axe run scripts in the page, which a page without JavaScript cannot; its markup is the same.
        var problems = new List<string>();
        if (javaScript)
        {
            Assert.Equal("", await page.HorizontalOverflowAsync());
            problems.AddRange(await page.AxeProblemsAsync("menu-closed"));
        }

        await menu.ClickAsync();
        await Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync("Aisha Rahman");
        if (javaScript)
        {
            await studio.ScreenshotAsync(page, "header-menu-phone");
            problems.AddRange(await page.AxeProblemsAsync("menu-open"));
        }
        await nav.GetByRole(AriaRole.Link, new() { Name = "Review queue" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Review queue");

        Assert.True(problems.Count == 0, "Serious or critical accessibility violations:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task On_a_desktop_the_navigation_is_in_view_with_no_menu_button()
    {
        var page = await studio.SignInAsync("Aisha Rahman");
        await page.GotoAsync("/");

        await Expect(page.Locator("[data-testid=site-menu] > summary")).Not.ToBeVisibleAsync();
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Review queue" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        await nav.GetByRole(AriaRole.Link, new() { Name = "Review queue" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Review queue");
    }
}
