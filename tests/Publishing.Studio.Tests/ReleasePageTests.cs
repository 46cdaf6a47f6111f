using System.Net;
using Microsoft.Playwright;

namespace Publishing.Studio.Tests;

/// <summary>
/// Building a release in the Studio without JavaScript, seeing what blocks it, and putting it live:
/// a held change and a withdrawal go live together. The drugs are invented test data.
/// </summary>
[Collection(StudioCollection.Name)]
public sealed class ReleasePageTests(StudioFixture studio)
{
    [Fact]
    public async Task An_editor_builds_a_release_without_JavaScript_sees_what_blocks_it_and_puts_a_change_and_a_withdrawal_live_together()
    {
        var setup = new ContentSetup(studio);
        await setup.PublishAsync("retirinib", "drug", "Retirinib (Oldvia)", ContentSetup.Drug("retirinib", "Oldvia", "gist"));
        await setup.CreateAsync("releasinib", "drug", "Releasinib (Nowvia)", ContentSetup.Drug("releasinib", "Nowvia", "gist"));
        var first = await setup.SubmitAsync("releasinib");
        await setup.CreateAsync("releasimab", "drug", "Releasimab (Togeva)", ContentSetup.Drug("releasimab", "Togeva", "gist"));
        var second = await setup.SubmitAsync("releasimab");
        await setup.ApproveAsync(first);
        await setup.WaitForStatusAsync("releasinib", "published"); // not in a release yet: it publishes at once
        var problems = new List<string>();

        // The editor works without JavaScript: every step is a plain form.
        var editor = await studio.SignInWithoutJavaScriptAsync("Eve Marsh");
        await editor.GotoAsync("/Releases");
        await editor.GetByLabel("Name of the new release").FillAsync("GIST guidance, March");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Create release" }).ClickAsync();
        await Expect(editor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("GIST guidance, March");
        var releaseUrl = editor.Url;
        await editor.GetByLabel("Item in review or approved").SelectOptionAsync("releasimab");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Add to release" }).ClickAsync();
        var member = editor.Locator("[data-testid=member][data-slug=releasimab]");
        await Expect(member).ToContainTextAsync("Blocks: still in review");

        // Going live while a member is unapproved is refused, naming it; nothing goes live.
        await editor.GetByTestId("go-live").ClickAsync();
        await Expect(editor.GetByTestId("problem")).ToContainTextAsync("releasimab");
        Assert.Equal(HttpStatusCode.NotFound, (await studio.Host.Http.GetAsync("/api/published/releasimab")).StatusCode);

        // A reviewer adds the withdrawal, typing the published title.
        var reviewer = await studio.SignInAsync("Aisha Rahman");
        await reviewer.GotoAsync(releaseUrl);
        await reviewer.GetByLabel("Published item to withdraw").SelectOptionAsync("retirinib");
        await reviewer.GetByLabel("Reason for withdrawal").FillAsync("The licence holder withdrew the marketing authorisation.");
        await reviewer.GetByLabel("Type the published title to confirm").FillAsync("retirinib (oldvia)");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Add the withdrawal" }).ClickAsync();
        await Expect(reviewer.Locator("[data-testid=member][data-slug=retirinib]")).ToContainTextAsync("Ready");
        problems.AddRange(await reviewer.AxeProblemsAsync("release-reviewer"));

        // The approval holds the change for the release; then everything is ready.
        await setup.ApproveAsync(second);
        await setup.WaitForStatusAsync("releasimab", "approved");
        await editor.GotoAsync(releaseUrl); // not a reload: the last page answered a form post
        await Expect(member).ToContainTextAsync("Ready");
        await Expect(editor.GetByTestId("release-check")).ToContainTextAsync("Ready: every member can go live.");
        await studio.DocScreenshotAsync(editor.Locator("main"), "release-ready-desktop.png");

        await editor.GetByTestId("go-live").ClickAsync();
        await Expect(editor.GetByTestId("release-status")).ToContainTextAsync("Live");
        await studio.WaitForPublishedAsync("releasimab");
        Assert.Equal(HttpStatusCode.Gone, (await studio.Host.Http.GetAsync("/api/published/retirinib")).StatusCode);

        // The live release as a reviewer sees it, desktop and phone, checked by axe.
        await reviewer.GotoAsync(releaseUrl);
        problems.AddRange(await reviewer.AxeProblemsAsync("release-live"));
        await reviewer.SetViewportSizeAsync(PageChecks.Phone.Width, PageChecks.Phone.Height);
        await reviewer.GotoAsync(releaseUrl);
        Assert.Equal("", await reviewer.HorizontalOverflowAsync());
        await studio.DocScreenshotAsync(reviewer.Locator("main"), "release-live-phone.png");
        problems.AddRange(await reviewer.AxeProblemsAsync("release-live-phone"));
        await reviewer.GotoAsync("/Releases");
        await Expect(reviewer.GetByTestId("releases")).ToContainTextAsync("GIST guidance, March");
        problems.AddRange(await reviewer.AxeProblemsAsync("releases-phone"));

        Assert.True(problems.Count == 0, "Serious or critical accessibility violations:\n" + string.Join("\n", problems));
    }
}
