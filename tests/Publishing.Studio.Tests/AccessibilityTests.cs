using Microsoft.Playwright;
using Publishing.Testing;

namespace Publishing.Studio.Tests;

/// <summary>
/// axe-core (bundled in the Deque.AxeCore NuGet packages and injected into the page by them, no CDN)
/// on the main pages, each at desktop width and on a 390 x 844 phone: no serious or critical violation.
/// </summary>
[Collection(StudioCollection.Name)]
public sealed class AccessibilityTests(StudioFixture studio)
{
    [Fact]
    public async Task The_main_pages_have_no_serious_or_critical_accessibility_violations()
    {
        const string slug = "imatinib";
        await studio.WaitForPublishedAsync(slug);
        var problems = new List<string>();

        var visitor = await studio.NewPageAsync();
        await visitor.GotoAsync("/SignIn");
        await CheckAsync(visitor, "sign-in", problems);

        var editor = await studio.SignInAsync("Eve Marsh");
        await editor.GotoAsync("/");
        await CheckAsync(editor, "content-list", problems);

        await editor.GotoAsync($"/Content/Edit/{slug}");
        await CheckAsync(editor, "edit-drug", problems);

        // The same page with the API's validation errors shown beside the fields they name.
        await editor.GetByLabel("Generic name (required)").FillAsync("");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).First.ClickAsync();
        await Expect(editor.GetByTestId("problem")).ToBeVisibleAsync();
        await Expect(editor.Locator("#f-fields-genericName-error")).ToBeVisibleAsync();
        await CheckAsync(editor, "edit-drug-with-errors", problems);

        // A clinical change, submitted, gives the reviewer a review page to check.
        await editor.GotoAsync($"/Content/Edit/{slug}");
        var mechanism = editor.GetByLabel("How it works (mechanism) (required)");
        await mechanism.FillAsync(await mechanism.InputValueAsync() + " It is taken for as long as it keeps working.");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).First.ClickAsync();
        await Expect(editor.GetByTestId("flash")).ToContainTextAsync("Saved as revision");
        await editor.GotoAsync($"/Content/Submit/{slug}");
        await CheckAsync(editor, "submit", problems);
        await editor.GetByLabel("Change summary (required)").FillAsync("Says how long treatment lasts.");
        await editor.GetByLabel("Reason (required)", new() { Exact = true }).SelectOptionAsync("new-evidence");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        var reviewId = (await editor.GetByTestId("review-id").TextContentAsync())!.Trim();

        var reviewer = await studio.SignInAsync("Aisha Rahman");
        await reviewer.GotoAsync("/Reviews");
        await CheckAsync(reviewer, "review-queue", problems);
        await reviewer.GotoAsync($"/Reviews/Review/{reviewId}");
        await CheckAsync(reviewer, "review-page", problems);
        await reviewer.GotoAsync($"/Content/History/{slug}");
        await CheckAsync(reviewer, "history", problems);

        await reviewer.GotoAsync($"/Content/Withdraw/{slug}");
        await CheckAsync(reviewer, "withdraw", problems);

        await visitor.GotoAsync($"/published/{slug}");
        await Expect(visitor.GetByTestId("public-view")).ToBeVisibleAsync();
        await CheckAsync(visitor, "public-view", problems);

        // The demo withdraws olaratumab once its publication has been relayed: the public 410 page.
        await Eventually.Until(async () => (await studio.Host.Http.GetAsync("/api/published/olaratumab")).StatusCode == System.Net.HttpStatusCode.Gone,
            TimeSpan.FromSeconds(60), "olaratumab to be withdrawn");
        await visitor.GotoAsync("/published/olaratumab");
        await Expect(visitor.GetByTestId("withdrawn")).ToBeVisibleAsync();
        await CheckAsync(visitor, "public-withdrawn", problems);

        Assert.True(problems.Count == 0, "Serious or critical accessibility violations:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task The_public_page_of_a_sample_item_says_its_sign_offs_are_sample_data()
    {
        const string slug = "sunitinib";
        await studio.WaitForPublishedAsync(slug);
        var visitor = await studio.NewPageAsync();

        await visitor.GotoAsync($"/published/{slug}");

        var banner = visitor.GetByTestId("sample-banner");
        await Expect(banner).ToBeVisibleAsync();
        await Expect(banner).ToContainTextAsync("sample data, not a clinical review");
        await Expect(visitor.GetByTestId("reviewers")).ToContainTextAsync("Sample reviewer");
        await Expect(visitor.GetByTestId("sample-signoff-note")).ToBeVisibleAsync();
        // The demo says so on every page, above whatever the page shows.
        await Expect(visitor.GetByTestId("sample-site-banner")).ToBeVisibleAsync();
        var problems = new List<string>();
        await CheckAsync(visitor, "public-view-sample", problems);
        Assert.True(problems.Count == 0, "Serious or critical accessibility violations:\n" + string.Join("\n", problems));
    }

    /// <summary>The page as it is now at desktop width, then on a phone (the same state, laid out again), then back.</summary>
    private async Task CheckAsync(IPage page, string name, List<string> problems)
    {
        await studio.ScreenshotAsync(page, "a11y-" + name);
        problems.AddRange(await page.AxeProblemsAsync(name));
        await page.SetViewportSizeAsync(PageChecks.Phone.Width, PageChecks.Phone.Height);
        await studio.ScreenshotAsync(page, "a11y-" + name + "-phone");
        problems.AddRange(await page.AxeProblemsAsync(name + "-phone"));
        await page.SetViewportSizeAsync(PageChecks.Desktop.Width, PageChecks.Desktop.Height);
    }
}
