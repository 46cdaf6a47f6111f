using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Publishing.Studio.Tests;

/// <summary>The acceptance scenarios of the Studio, in a real browser against the standalone host.</summary>
[Collection(StudioCollection.Name)]
public sealed class EditorialFlowTests(StudioFixture studio)
{
    private const string NewSideEffect = "severe skin reactions with blistering and peeling (erythema multiforme, Stevens-Johnson syndrome)";

    [Fact]
    public async Task A_safety_change_is_submitted_refused_to_its_author_approved_by_two_reviewers_and_published()
    {
        await studio.WaitForPublishedAsync("regorafenib");

        // The editor adds a serious side effect to regorafenib and saves.
        var editor = await studio.SignInAsync("Eve Marsh");
        await editor.GotoAsync("/");
        await studio.ScreenshotAsync(editor, "content-list");
        await editor.GetByRole(AriaRole.Link, new() { Name = "Regorafenib (Stivarga)", Exact = true }).ClickAsync();
        await Expect(editor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Regorafenib");
        var before = await editor.GetByLabel("Serious side effect", new() { Exact = false }).CountAsync();
        await editor.GetByRole(AriaRole.Button, new() { Name = "Add a serious side effect" }).ClickAsync();
        var field = editor.GetByLabel($"Serious side effect {before + 1}", new() { Exact = true });
        await Expect(field).ToBeVisibleAsync();
        await field.FillAsync(NewSideEffect);
        await studio.ScreenshotAsync(editor, "edit-drug-new-serious-side-effect");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).First.ClickAsync();
        await Expect(editor.GetByTestId("flash")).ToContainTextAsync("Saved as revision 2");
        await Expect(editor.GetByLabel($"Serious side effect {before + 1}", new() { Exact = true })).ToHaveValueAsync(NewSideEffect);

        // Submits it, seeing the computed class and the approvals it needs.
        await editor.GetByRole(AriaRole.Link, new() { Name = "Submit for review" }).First.ClickAsync();
        await Expect(editor.GetByTestId("computed-class")).ToHaveTextAsync("Safety");
        await studio.ScreenshotAsync(editor, "submit-form");
        await editor.GetByLabel("Change summary (required)").FillAsync("Adds severe skin reactions to the serious side effects.");
        await editor.GetByLabel("Reason (required)", new() { Exact = true }).SelectOptionAsync("safety");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Expect(editor.GetByTestId("change-class")).ToHaveTextAsync("safety");
        await Expect(editor.GetByTestId("required-approvals")).ToContainTextAsync("2 approvals");
        await studio.ScreenshotAsync(editor, "submitted");
        var reviewId = (await editor.GetByTestId("review-id").TextContentAsync())!.Trim();

        // The editor cannot approve their own change: the review page refuses them, with no approve button.
        await editor.GotoAsync($"/Reviews/Review/{reviewId}");
        await Expect(editor.GetByTestId("access-denied")).ToContainTextAsync("cannot approve");
        Assert.Equal(0, await editor.GetByRole(AriaRole.Button, new() { NameRegex = new("Approve") }).CountAsync());
        await studio.ScreenshotAsync(editor, "editor-refused-review");

        // A reviewer without a recorded qualification is told why they cannot approve a safety change.
        var unqualified = await studio.SignInAsync("Lee Carter");
        await unqualified.GotoAsync($"/Reviews/Review/{reviewId}");
        await Expect(unqualified.GetByTestId("cannot-approve")).ToContainTextAsync("qualification");
        Assert.Equal(0, await unqualified.GetByRole(AriaRole.Button, new() { NameRegex = new("^Approve") }).CountAsync());

        // Two qualified reviewers approve, safety first in their queue.
        var first = await studio.SignInAsync("Aisha Rahman");
        await first.GotoAsync("/Reviews");
        await studio.ScreenshotAsync(first, "review-queue");
        await first.GetByRole(AriaRole.Link, new() { Name = "Regorafenib (Stivarga)", Exact = true }).ClickAsync();
        await Expect(first.GetByTestId("review-class")).ToHaveTextAsync("Safety");
        await Expect(first.Locator("table.diff tr.safety")).ToContainTextAsync(NewSideEffect);
        await studio.ScreenshotAsync(first, "review-page");
        await first.GetByRole(AriaRole.Button, new() { Name = "Approve revision 2" }).ClickAsync();
        await Expect(first.GetByTestId("problem")).ToContainTextAsync("references"); // the box is required for safety
        await first.GetByLabel("I have checked the references").CheckAsync();
        await first.GetByLabel("Comment (optional)").FillAsync("Matches the SmPC section 4.8.");
        await first.GetByRole(AriaRole.Button, new() { Name = "Approve revision 2" }).ClickAsync();
        await Expect(first.GetByTestId("flash")).ToContainTextAsync("1 more approval");
        await studio.ScreenshotAsync(first, "review-first-approval");

        var second = await studio.SignInAsync("Dr Owen Price");
        await second.GotoAsync($"/Reviews/Review/{reviewId}");
        await second.GetByLabel("I have checked the references").CheckAsync();
        await second.GetByRole(AriaRole.Button, new() { Name = "Approve revision 2" }).ClickAsync();
        await Expect(second.GetByTestId("flash")).ToContainTextAsync("last approval");
        await studio.ScreenshotAsync(second, "review-approved");

        // The public view shows the new side effect and both reviewers.
        await studio.WaitForPublishedAsync("regorafenib", revision: 2);
        var reader = await studio.NewPageAsync();
        await reader.GotoAsync("/published/regorafenib");
        await Expect(reader.GetByTestId("public-revision")).ToHaveTextAsync("2");
        await Expect(reader.GetByTestId("serious-side-effects")).ToContainTextAsync(NewSideEffect);
        await Expect(reader.GetByTestId("reviewers")).ToContainTextAsync("Aisha Rahman, Clinical pharmacist");
        await Expect(reader.GetByTestId("reviewers")).ToContainTextAsync("Dr Owen Price, Consultant medical oncologist");
        await Expect(reader.GetByTestId("dates")).ToContainTextAsync("Next review due");
        await studio.ScreenshotAsync(reader, "public-view");

        // And the published approvals are this revision's, by the dev reviewers who signed it off.
        var published = await studio.Host.Http.GetFromJsonAsync<JsonElement>("/api/published/regorafenib");
        Assert.Equal(2, published.GetProperty("revision").GetInt32());
        var names = published.GetProperty("approvals").EnumerateArray().Select(a => a.GetProperty("reviewerName").GetString()).ToList();
        Assert.Equal(["Aisha Rahman", "Dr Owen Price"], names);
    }
}
