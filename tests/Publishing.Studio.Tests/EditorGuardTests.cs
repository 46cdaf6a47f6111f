using Microsoft.Playwright;

namespace Publishing.Studio.Tests;

/// <summary>The guards' warnings as the editor and the reviewers see them; a save with nothing changed; the editor on a phone.</summary>
[Collection(EditorCollection.Name)]
public sealed class EditorGuardTests(StudioFixture studio)
{
    [Fact]
    public async Task A_near_duplicate_serious_side_effect_is_flagged_to_the_editor_and_shown_to_reviewers()
    {
        await studio.WaitForPublishedAsync("regorafenib");
        var problems = new List<string>();
        var editor = await studio.SignInAsync("Eve Marsh");
        await editor.GotoAsync("/Content/Edit/regorafenib");
        var count = await editor.GetByLabel("Serious side effect", new() { Exact = false }).CountAsync();
        await editor.GetByRole(AriaRole.Button, new() { Name = "Add a serious side effect" }).ClickAsync();
        await editor.GetByLabel($"Serious side effect {count + 1}", new() { Exact = true }).FillAsync("bowel perforation");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).First.ClickAsync();

        // After the save: the revision, its class and why, the next step, and the warning, with a link to each item.
        var outcome = editor.GetByTestId("flash");
        await Expect(outcome).ToContainTextAsync("Saved as revision 2");
        await Expect(editor.GetByTestId("save-class")).ToContainTextAsync("Safety because serious side effects changed");
        await Expect(editor.GetByTestId("next-step")).ToContainTextAsync("submit it for review");
        var warning = editor.GetByTestId("guard-warnings").Locator("li[data-code=near-duplicate]");
        await Expect(warning).ToContainTextAsync("“bowel perforation”, looks like a repeat of serious side effect 3");
        await Expect(warning).ToContainTextAsync("a tear (perforation) or abnormal opening (fistula) in the bowel");
        await Expect(warning.GetByRole(AriaRole.Link).First).ToHaveAttributeAsync("href", "#f-fields-sideEffects-serious-4");
        await studio.ScreenshotAsync(editor, "editor-duplicate-warning");
        problems.AddRange(await editor.AxeProblemsAsync("edit-after-save-with-warnings"));

        // The editor may go on: submitting sends the warnings with the submission.
        await editor.GetByRole(AriaRole.Link, new() { Name = "Submit for review" }).First.ClickAsync();
        await editor.GetByLabel("Change summary (required)").FillAsync("Adds bowel perforation to the serious side effects.");
        await editor.GetByLabel("Reason (required)", new() { Exact = true }).SelectOptionAsync("safety");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Expect(editor.GetByTestId("submit-warnings")).ToContainTextAsync("looks like a repeat");
        await Expect(editor.GetByTestId("follow-progress")).ToBeVisibleAsync();
        problems.AddRange(await editor.AxeProblemsAsync("submitted-with-warnings"));
        var reviewId = (await editor.GetByTestId("review-id").TextContentAsync())!.Trim();

        // The reviewer sees the same warning beside the change.
        var reviewer = await studio.SignInAsync("Aisha Rahman");
        await reviewer.GotoAsync($"/Reviews/Review/{reviewId}");
        await Expect(reviewer.GetByTestId("review-warnings")).ToContainTextAsync("“bowel perforation”, looks like a repeat");
        await studio.ScreenshotAsync(reviewer, "review-with-editor-warnings");
        problems.AddRange(await reviewer.AxeProblemsAsync("review-with-warnings"));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Enter_in_the_title_of_an_unchanged_item_makes_no_revision_and_keeps_it_published()
    {
        const string slug = "targeted-therapy-soft-tissue-sarcoma";
        await studio.WaitForPublishedAsync(slug);
        var editor = await studio.SignInAsync("Sam Okafor");
        await editor.GotoAsync($"/Content/Edit/{slug}");
        var revision = await editor.GetByTestId("revision").TextContentAsync();

        await editor.GetByLabel("Title (required)", new() { Exact = true }).PressAsync("Enter");

        await Expect(editor.GetByTestId("flash")).ToContainTextAsync($"Nothing changed: still revision {revision}");
        await Expect(editor.GetByTestId("status")).ToHaveTextAsync("Published");
        await Expect(editor.GetByTestId("revision")).ToHaveTextAsync(revision!);
        await Expect(editor.GetByTestId("save-class")).ToContainTextAsync("nothing to submit");
    }

    [Fact]
    public async Task On_a_phone_the_editor_has_no_horizontal_overflow_and_no_serious_accessibility_violation()
    {
        await studio.WaitForPublishedAsync("pazopanib");
        var problems = new List<string>();
        var editor = await studio.SignInAsync("Eve Marsh");
        await editor.SetViewportSizeAsync(PageChecks.Phone.Width, PageChecks.Phone.Height);
        foreach (var slug in new[] { "pazopanib", "targeted-therapy-soft-tissue-sarcoma" })
        {
            await editor.GotoAsync($"/Content/Edit/{slug}");
            Assert.Equal("", await editor.HorizontalOverflowAsync());
            problems.AddRange(await editor.AxeProblemsAsync($"edit-{slug}-phone"));
            await studio.ScreenshotAsync(editor, $"editor-phone-{slug}");
        }

        // With a save's outcome and a validation error shown, too.
        await editor.GotoAsync("/Content/Edit/pazopanib");
        await editor.GetByLabel("Generic name (required)").FillAsync("");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).First.ClickAsync();
        await Expect(editor.GetByTestId("problem")).ToBeVisibleAsync();
        Assert.Equal("", await editor.HorizontalOverflowAsync());
        problems.AddRange(await editor.AxeProblemsAsync("edit-with-errors-phone"));

        // The save bar stays in view while scrolling through the long form.
        await editor.GetByLabel("Evidence notes").ScrollIntoViewIfNeededAsync();
        var bar = await editor.GetByTestId("save-bar").BoundingBoxAsync();
        Assert.True(bar is not null && bar.Y >= 0 && bar.Y < PageChecks.Phone.Height, "the Save bar is not on screen after scrolling down");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
