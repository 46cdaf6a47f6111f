using System.Globalization;
using Microsoft.Playwright;

namespace Publishing.Studio.Tests;

/// <summary>The content list: search, sort, last modified, next review due and "waiting on me", with and without room.</summary>
[Collection(StudioCollection.Name)]
public sealed class ContentListTests(StudioFixture studio)
{
    [Fact]
    public async Task Searching_and_sorting_find_items_and_order_them_by_title_last_change_or_review_due()
    {
        await studio.WaitForPublishedAsync("imatinib");
        var editor = await studio.SignInAsync("Eve Marsh");
        await editor.GotoAsync("/");

        await editor.GetByLabel("Search titles").FillAsync("glivec");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        var titles = await RowTitlesAsync(editor);
        Assert.Contains("Imatinib (Glivec)", titles);
        Assert.All(titles, t => Assert.Contains("glivec", t, StringComparison.OrdinalIgnoreCase));
        await Expect(editor.Locator("caption")).ToContainTextAsync("matching “glivec”");

        // A newly saved item is first by last change, wherever its title sorts.
        var slug = $"zz-list-{Guid.NewGuid().ToString("N")[..6]}";
        var title = $"Zz newest item {slug}";
        await new ContentSetup(studio).CreateAsync(slug, "article", title, ContentSetup.Article(title, "Plain words.", []));
        await editor.GotoAsync("/?sort=modified");
        Assert.Equal(title, (await RowTitlesAsync(editor))[0]);
        await Expect(editor.GetByLabel("Sort by")).ToHaveValueAsync("modified");

        await editor.GetByLabel("Search titles").FillAsync("");
        await editor.GetByLabel("Sort by").SelectOptionAsync("title");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        var byTitle = await RowTitlesAsync(editor);
        Assert.Equal(byTitle.Order(StringComparer.OrdinalIgnoreCase).ToList(), byTitle);

        await editor.GetByLabel("Sort by").SelectOptionAsync("due");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        var due = (await editor.GetByTestId("next-review-due").AllInnerTextsAsync()).Select(ReviewDue).ToList();
        Assert.Contains(due, d => d is not null); // published clinical content has a review date
        Assert.Equal(due.OrderBy(d => d ?? DateTime.MaxValue).ToList(), due);
        await studio.ScreenshotAsync(editor, "content-list-desktop");

        // An unknown sort is a 400 naming the field, not a 500 or a silent default.
        var bad = await editor.GotoAsync("/?sort=price");
        Assert.Equal(400, bad!.Status);
        await Expect(editor.GetByTestId("problem")).ToContainTextAsync("Sort by");
    }

    [Fact]
    public async Task Waiting_on_me_shows_an_editor_what_came_back_and_a_reviewer_what_they_can_sign_off()
    {
        var setup = new ContentSetup(studio);
        var id = Guid.NewGuid().ToString("N")[..6];
        var returned = $"returned-{id}";
        var pending = $"pending-{id}";
        // Eve's article comes back with changes requested; another, still in review, waits on reviewers.
        await setup.CreateAsync(returned, "article", $"Returned article {id}", ContentSetup.Article($"Returned article {id}", "Plain words.", []), "dev-editor-eve");
        await setup.RequestChangesAsync(await setup.SubmitAsync(returned, "dev-editor-eve"), "Say how long treatment lasts.");
        await setup.WaitForStatusAsync(returned, "changes-requested");
        await setup.CreateAsync(pending, "article", $"Pending article {id}", ContentSetup.Article($"Pending article {id}", "Plain words.", []), "dev-editor-eve");
        await setup.SubmitAsync(pending, "dev-editor-eve");

        var editor = await studio.SignInAsync("Eve Marsh");
        await editor.GotoAsync("/");
        await Expect(editor.GetByTestId("waiting-summary")).ToContainTextAsync("on you");
        await Expect(Row(editor, returned).GetByTestId("waiting-on-me")).ToHaveTextAsync("Waiting on you");
        await editor.GetByLabel("Only what waits on me").CheckAsync();
        await editor.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(Row(editor, returned)).ToBeVisibleAsync();
        await Expect(Row(editor, pending)).ToHaveCountAsync(0);
        foreach (var row in await editor.Locator("table[data-testid=content-list] tbody tr").AllAsync())
            await Expect(row.GetByTestId("waiting-on-me")).ToHaveCountAsync(1);

        var reviewer = await studio.SignInAsync("Aisha Rahman");
        await reviewer.GotoAsync("/?waiting=me");
        await Expect(Row(reviewer, pending)).ToBeVisibleAsync();
        await Expect(Row(reviewer, pending).GetByRole(AriaRole.Link, new() { Name = $"Review Pending article {id}" }))
            .ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/Reviews/Review/[0-9a-f-]{36}$"));
        await Expect(Row(reviewer, returned)).ToHaveCountAsync(0);
        await studio.ScreenshotAsync(reviewer, "content-list-waiting-desktop");

        // A reviewer with no recorded qualification cannot sign off this clinical change, so it does not wait on them.
        var unqualified = await studio.SignInAsync("Lee Carter");
        await unqualified.GotoAsync("/?waiting=me");
        await Expect(Row(unqualified, pending)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task On_a_phone_the_list_stacks_its_rows_with_nothing_wider_than_the_screen()
    {
        await studio.WaitForPublishedAsync("imatinib");
        var problems = new List<string>();
        var editor = await studio.SignInAsync("Eve Marsh");
        await editor.GotoAsync("/?sort=due");
        problems.AddRange(await editor.AxeProblemsAsync("content-list"));

        await editor.SetViewportSizeAsync(PageChecks.Phone.Width, PageChecks.Phone.Height);
        await editor.ReloadAsync();
        Assert.Equal("", await editor.HorizontalOverflowAsync());
        // Stacked: each row's cells are labelled, and the table is no wider than its box.
        var table = editor.GetByTestId("content-list");
        Assert.True(await table.EvaluateAsync<bool>("t => t.scrollWidth <= t.parentElement.clientWidth"));
        var row = table.Locator("tbody tr").First;
        var title = (await row.Locator("th").BoundingBoxAsync())!;
        var modified = (await row.GetByTestId("last-modified").BoundingBoxAsync())!;
        Assert.True(modified.Y >= title.Y + title.Height, "the row's cells stack under its title");
        Assert.Equal("Last modified", await editor.GetByTestId("last-modified").First.GetAttributeAsync("data-label"));
        await studio.ScreenshotAsync(editor, "content-list-phone");
        problems.AddRange(await editor.AxeProblemsAsync("content-list-phone"));

        Assert.True(problems.Count == 0, "Serious or critical accessibility violations:\n" + string.Join("\n", problems));
    }

    private static ILocator Row(IPage page, string slug) => page.Locator($"table[data-testid=content-list] tbody tr[data-slug='{slug}']");

    private static async Task<List<string>> RowTitlesAsync(IPage page) =>
        (await page.Locator("table[data-testid=content-list] tbody th a").AllInnerTextsAsync()).Select(t => t.Trim()).ToList();

    private static DateTime? ReviewDue(string cell)
    {
        var text = cell.Replace("overdue", "").Trim();
        return DateTime.TryParseExact(text, "d MMMM yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
    }
}
