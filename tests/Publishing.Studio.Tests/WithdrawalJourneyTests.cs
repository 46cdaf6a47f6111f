using System.Net;
using Microsoft.Playwright;

namespace Publishing.Studio.Tests;

/// <summary>
/// Withdrawing with care: the reviewer types the title, lands on a page that waits until the public copy
/// answers 410 Gone, and sees which published items still mention the drug. The drug is invented test data.
/// </summary>
[Collection(StudioCollection.Name)]
public sealed class WithdrawalJourneyTests(StudioFixture studio)
{
    private const string Drug = "examplinib";
    private const string DrugTitle = "Examplinib (Demovia)";
    private const string Article = "tablets-for-advanced-gist";
    private const string ArticleTitle = "Tablets for advanced GIST";
    private const string SeededArticleTitle = "Targeted therapy for soft tissue sarcoma"; // tagged "sarcoma", as the drug is

    [Fact]
    public async Task Withdrawing_needs_the_typed_title_then_waits_for_410_and_lists_what_still_mentions_the_drug()
    {
        var setup = new ContentSetup(studio);
        await setup.PublishAsync(Drug, "drug", DrugTitle, ContentSetup.Drug("examplinib", "Demovia", "sarcoma"));
        await setup.PublishAsync(Article, "article", ArticleTitle, ContentSetup.Article(ArticleTitle,
            "If other tablets stop working, your specialist may offer examplinib, taken once a day.", [Drug], "gist"));
        var problems = new List<string>();

        var reviewer = await studio.SignInAsync("Aisha Rahman");
        await reviewer.GotoAsync($"/Content/Withdraw/{Drug}");
        await Expect(reviewer.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Withdraw {DrugTitle}");
        problems.AddRange(await reviewer.AxeProblemsAsync("withdraw"));

        // A title that is not the published one is refused, beside the field, and nothing is withdrawn.
        await reviewer.GetByLabel("Reason for withdrawal").FillAsync("The licence holder withdrew the marketing authorisation.");
        await reviewer.GetByLabel("Type the title to confirm").FillAsync("Examplinib");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Withdraw now" }).ClickAsync();
        await Expect(reviewer.GetByTestId("problem")).ToBeVisibleAsync();
        await Expect(reviewer.Locator("#f-confirmTitle-error")).ToContainTextAsync(DrugTitle);
        problems.AddRange(await reviewer.AxeProblemsAsync("withdraw-wrong-title"));
        Assert.Equal(HttpStatusCode.OK, (await studio.Host.Http.GetAsync($"/api/published/{Drug}")).StatusCode);

        // The right title, typed in another case, withdraws it and lands on the waiting page.
        await reviewer.GetByLabel("Type the title to confirm").FillAsync("examplinib (demovia)");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Withdraw now" }).ClickAsync();
        await Expect(reviewer).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/Content/Withdrawn/{Drug}$"));
        var state = reviewer.GetByTestId("public-copy");
        // Waiting or done, the page never shows the published drug page.
        await Expect(state).Not.ToContainTextAsync("bleeding that will not stop");
        await Expect(state).ToHaveAttributeAsync("data-state", "gone", new() { Timeout = 30_000 });
        await Expect(reviewer.GetByTestId("public-status")).ToHaveTextAsync("410 Gone");
        Assert.Equal(HttpStatusCode.Gone, (await studio.Host.Http.GetAsync($"/api/published/{Drug}")).StatusCode);

        // What still presents the drug: the article that lists and names it, and the one sharing its tag.
        var related = reviewer.GetByTestId("related-items");
        var listing = related.Locator($"li.related-item[data-slug='{Article}']");
        await Expect(listing).ToContainTextAsync("Lists it among its related drugs");
        await Expect(listing.Locator("mark")).ToHaveTextAsync("examplinib");
        await Expect(related.Locator("li.related-item", new() { HasText = SeededArticleTitle })).ToContainTextAsync("Shares the tag sarcoma");
        await Expect(reviewer.GetByRole(AriaRole.Link, new() { Name = $"Open a change to {ArticleTitle}" }))
            .ToHaveAttributeAsync("href", $"/Content/Edit/{Article}");
        await studio.ScreenshotAsync(reviewer, "withdrawn-desktop");
        problems.AddRange(await reviewer.AxeProblemsAsync("withdrawn"));

        await reviewer.SetViewportSizeAsync(PageChecks.Phone.Width, PageChecks.Phone.Height);
        await reviewer.ReloadAsync();
        Assert.Equal("", await reviewer.HorizontalOverflowAsync());
        await studio.ScreenshotAsync(reviewer, "withdrawn-phone");
        problems.AddRange(await reviewer.AxeProblemsAsync("withdrawn-phone"));

        // An editor following the page's links opens a change to the article.
        var editor = await studio.SignInAsync("Eve Marsh");
        await editor.GotoAsync($"/Content/Withdrawn/{Drug}");
        await editor.GetByRole(AriaRole.Link, new() { Name = $"Open a change to {ArticleTitle}" }).ClickAsync();
        await Expect(editor).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/Content/Edit/{Article}$"));

        Assert.True(problems.Count == 0, "Serious or critical accessibility violations:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task Without_JavaScript_the_waiting_page_still_shows_the_public_copy_and_an_item_not_withdrawn_says_so()
    {
        const string slug = "imatinib";
        await studio.WaitForPublishedAsync(slug);
        var reviewer = await studio.SignInAsync("Aisha Rahman");
        var context = await studio.Browser.NewContextAsync(new()
        {
            BaseURL = studio.BaseUrl, JavaScriptEnabled = false, StorageState = await reviewer.Context.StorageStateAsync(),
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync($"/Content/Withdrawn/{slug}");
        await Expect(page.GetByTestId("not-withdrawn")).ToContainTextAsync("is not withdrawn");
        // The seeded olaratumab was withdrawn when the sample content was loaded.
        await Eventually(async () => (await studio.Host.Http.GetAsync("/api/published/olaratumab")).StatusCode == HttpStatusCode.Gone);
        await page.GotoAsync("/Content/Withdrawn/olaratumab");
        await Expect(page.GetByTestId("public-copy")).ToHaveAttributeAsync("data-state", "gone");
        await Expect(page.GetByTestId("related-items")).ToContainTextAsync(SeededArticleTitle);
        Assert.Equal(0, await page.Locator("noscript").CountAsync()); // nothing left to wait for, so no refresh
    }

    private static Task Eventually(Func<Task<bool>> condition) =>
        Publishing.Testing.Eventually.Until(condition, TimeSpan.FromSeconds(60), "the seeded withdrawal to reach Search");
}
