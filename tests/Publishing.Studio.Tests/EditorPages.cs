using Microsoft.Playwright;
using Xunit;

namespace Publishing.Studio.Tests;

/// <summary>
/// The editor's tests run on a host of their own (a second <see cref="StudioFixture"/>), so the
/// revisions they make never change what the other Studio tests expect of the same sample items.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EditorCollection : ICollectionFixture<StudioFixture>
{
    public const string Name = "Studio editor";
}

/// <summary>What the editor tests do in the browser besides clicking: sign in without JavaScript, measure, check, picture.</summary>
public static class EditorPages
{
    /// <summary>Signs in as a dev user in a browser context with JavaScript off (the form must work without it).</summary>
    public static async Task<IPage> SignInWithoutJavaScriptAsync(this StudioFixture studio, string name)
    {
        var context = await studio.Browser.NewContextAsync(new()
        {
            BaseURL = studio.BaseUrl, JavaScriptEnabled = false, ViewportSize = new() { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/SignIn");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Sign in as {name}" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync(name);
        return page;
    }

    /// <summary>
    /// A picture of one element, at the page's width and with a little of the page around it, for
    /// docs/images: always in the test output's screenshot folder, and copied into the repository's
    /// docs/images when UPDATE_DOC_SCREENSHOTS=1. Taken from the whole page, so the sticky Save bar
    /// sits where it belongs instead of over the element.
    /// </summary>
    public static async Task DocScreenshotAsync(this StudioFixture studio, ILocator element, string file)
    {
        var path = Path.Combine(studio.ScreenshotFolder, "docs-" + file);
        var page = element.Page;
        var box = await element.BoundingBoxAsync() ?? throw new InvalidOperationException($"{file}: the element is not on the page.");
        var scrolled = await page.EvaluateAsync<double>("() => window.scrollY");
        var top = Math.Max(0, box.Y + scrolled - 16);
        await page.ScreenshotAsync(new()
        {
            Path = path, FullPage = true,
            Clip = new() { X = 0, Y = (float)top, Width = page.ViewportSize!.Width, Height = box.Height + 32 },
        });
        if (Environment.GetEnvironmentVariable("UPDATE_DOC_SCREENSHOTS") != "1") return;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Publishing.sln")))
            {
                var images = Directory.CreateDirectory(Path.Combine(dir.FullName, "docs", "images"));
                File.Copy(path, Path.Combine(images.FullName, file), overwrite: true);
                return;
            }
    }
}
