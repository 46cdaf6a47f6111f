using Microsoft.Playwright;

namespace Publishing.Studio.Tests;

/// <summary>Rows changed in place (and without JavaScript by posting), and the item followed through review and recalled.</summary>
[Collection(EditorCollection.Name)]
public sealed class EditorFlowTests(StudioFixture studio)
{
    [Fact]
    public async Task Rows_are_added_moved_and_removed_without_a_reload_and_the_form_saves_them()
    {
        await studio.WaitForPublishedAsync("pazopanib");
        var editor = await studio.SignInAsync("Sam Okafor");
        await editor.GotoAsync("/Content/Edit/pazopanib");
        await editor.EvaluateAsync("() => window.notReloaded = true");
        var labels = editor.GetByLabel("Common side effect", new() { Exact = false });
        var count = await labels.CountAsync();

        await editor.GetByRole(AriaRole.Button, new() { Name = "Add a common side effect" }).ClickAsync();
        var added = editor.GetByLabel($"Common side effect {count + 1}", new() { Exact = true });
        await Expect(added).ToBeFocusedAsync();
        await Expect(added).ToHaveValueAsync("");
        await added.FillAsync("a changed sense of taste");
        await editor.GetByRole(AriaRole.Button, new() { Name = $"Move up common side effect {count + 1}" }).ClickAsync();
        await Expect(editor.GetByLabel($"Common side effect {count}", new() { Exact = true })).ToHaveValueAsync("a changed sense of taste");
        await Expect(editor.GetByRole(AriaRole.Button, new() { Name = $"Move down common side effect {count + 1}" })).ToBeDisabledAsync();
        await editor.GetByRole(AriaRole.Button, new() { Name = "Remove common side effect 1", Exact = true }).ClickAsync();
        await Expect(labels).ToHaveCountAsync(count);
        Assert.True(await editor.EvaluateAsync<bool>("() => window.notReloaded === true"), "a row button reloaded the page");
        await studio.ScreenshotAsync(editor, "editor-rows-in-place");

        await editor.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).First.ClickAsync();
        await Expect(editor.GetByTestId("flash")).ToContainTextAsync("Saved as revision");
        await Expect(editor.GetByLabel($"Common side effect {count - 1}", new() { Exact = true })).ToHaveValueAsync("a changed sense of taste");
        await Expect(labels).ToHaveCountAsync(count);
    }

    [Fact]
    public async Task Without_JavaScript_the_row_buttons_post_the_form_and_nothing_typed_is_lost()
    {
        await studio.WaitForPublishedAsync("imatinib");
        var editor = await studio.SignInWithoutJavaScriptAsync("Eve Marsh");
        await editor.GotoAsync("/Content/Edit/imatinib");
        const string notes = "Notes typed before adding a row.";
        await editor.GetByLabel("Evidence notes").FillAsync(notes);
        var count = await editor.GetByLabel("Common side effect", new() { Exact = false }).CountAsync();

        await editor.GetByRole(AriaRole.Button, new() { Name = "Add a common side effect" }).ClickAsync();

        await Expect(editor.GetByLabel($"Common side effect {count + 1}", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(editor.Locator(".row-status")).ToContainTextAsync($"Row {count + 1} added");
        await Expect(editor.GetByLabel("Evidence notes")).ToHaveValueAsync(notes);
    }

    [Fact]
    public async Task In_review_the_form_is_read_only_shows_the_approvals_so_far_and_can_be_recalled()
    {
        const string slug = "pazopanib";
        await studio.WaitForPublishedAsync(slug);
        var editor = await studio.SignInAsync("Eve Marsh");
        await editor.GotoAsync($"/Content/Edit/{slug}");
        await editor.GetByLabel("Schedule (required)").FillAsync("Day 1 and day 8 of each 21-day cycle.");
        await editor.GetByLabel("Accessed (reference 1) (required)").FillAsync(DateTime.UtcNow.ToString("yyyy-MM-dd"));
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).First.ClickAsync();
        await Expect(editor.GetByTestId("save-class")).ToContainTextAsync("Safety because the schedule changed");
        await editor.GotoAsync($"/Content/Submit/{slug}");
        await editor.GetByLabel("Change summary (required)").FillAsync("States the schedule of each cycle.");
        await editor.GetByLabel("Reason (required)", new() { Exact = true }).SelectOptionAsync("safety");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        var reviewId = (await editor.GetByTestId("review-id").TextContentAsync())!.Trim();

        var reviewer = await studio.SignInAsync("Aisha Rahman");
        await reviewer.GotoAsync($"/Reviews/Review/{reviewId}");
        await reviewer.GetByLabel("I have checked the references").CheckAsync();
        await reviewer.GetByRole(AriaRole.Button, new() { NameRegex = new("^Approve revision") }).ClickAsync();
        await Expect(reviewer.GetByTestId("flash")).ToContainTextAsync("1 more approval");

        // The editor follows it on the item's page: read-only, 1 of 2 approvals, by whom.
        await editor.GetByTestId("follow-progress").ClickAsync();
        var progress = editor.GetByTestId("review-progress");
        await Expect(progress.GetByTestId("approval-count")).ToHaveTextAsync("1 of 2 approvals");
        await Expect(progress).ToContainTextAsync("Aisha Rahman, Clinical pharmacist");
        await Expect(editor.GetByLabel("Schedule (required)")).ToBeDisabledAsync();
        await Expect(editor.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true })).ToHaveCountAsync(0);
        await studio.ScreenshotAsync(editor, "editor-in-review");
        var problems = await editor.AxeProblemsAsync("edit-in-review");

        // Recalling makes it a draft again, editable, and the trail says who recalled it.
        await progress.GetByRole(AriaRole.Button, new() { Name = "Recall submission" }).ClickAsync();
        await Expect(editor.GetByTestId("flash")).ToContainTextAsync("Submission recalled");
        await Expect(editor.GetByTestId("status")).ToHaveTextAsync("Draft");
        await Expect(editor.GetByLabel("Schedule (required)")).ToBeEnabledAsync();
        await editor.GotoAsync($"/Content/Audit/{slug}");
        await Expect(editor.Locator("main")).ToContainTextAsync("recalled");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
