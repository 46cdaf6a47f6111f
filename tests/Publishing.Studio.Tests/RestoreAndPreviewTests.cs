using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Publishing.Testing;

namespace Publishing.Studio.Tests;

/// <summary>
/// Restoring an earlier revision from the history page, and sharing a revision in review through a
/// preview link that a reader opens without signing in. The drugs are invented test data.
/// </summary>
[Collection(StudioCollection.Name)]
public sealed class RestoreAndPreviewTests(StudioFixture studio)
{
    private const string OldMechanism = "Blocks the growth signals some tumours depend on.";
    private const string NewMechanism = "Switches off the enzymes that tell the tumour cells to divide.";

    [Fact]
    public async Task An_editor_restores_an_earlier_revision_which_goes_live_under_a_new_number_after_review()
    {
        const string slug = "restorinib";
        var setup = new ContentSetup(studio);
        await setup.PublishAsync(slug, "drug", "Restorinib (Backova)", ContentSetup.Drug("restorinib", "Backova"));
        await PublishNewMechanismAsync(setup, slug);
        var problems = new List<string>();

        var editor = await studio.SignInAsync("Eve Marsh");
        await editor.GotoAsync($"/Content/History/{slug}");
        await Expect(editor.GetByTestId("restore-2")).ToHaveCountAsync(0); // the working copy is not offered
        problems.AddRange(await editor.AxeProblemsAsync("history"));
        await editor.GetByTestId("restore-1").ClickAsync();

        // Confirmed first, with what the restore changes in the working copy.
        var confirm = editor.GetByTestId("confirm-restore");
        await Expect(confirm).ToContainTextAsync("Restore revision 1?");
        await Expect(confirm).ToContainTextAsync("a new revision, 3");
        await Expect(editor.Locator("#history-diff")).ToContainTextAsync(OldMechanism);
        problems.AddRange(await editor.AxeProblemsAsync("history-confirm-restore"));
        await studio.DocScreenshotAsync(confirm, "restore-confirm-desktop.png");
        await editor.GetByTestId("confirm-restore-button").ClickAsync();

        // Lands on the submit step, the change compared with what is live and classified as an edit.
        await Expect(editor).ToHaveURLAsync(new Regex($"/Content/Submit/{slug}$"));
        await Expect(editor.GetByTestId("flash")).ToContainTextAsync("Revision 1 restored as revision 3");
        await Expect(editor.GetByTestId("computed-class")).ToHaveTextAsync("Clinical");
        await Expect(editor.Locator("#submit-diff")).ToContainTextAsync(OldMechanism);
        problems.AddRange(await editor.AxeProblemsAsync("submit-after-restore"));
        await studio.DocScreenshotAsync(editor.Locator("main"), "restore-submit-desktop.png");

        await editor.SetViewportSizeAsync(PageChecks.Phone.Width, PageChecks.Phone.Height);
        await editor.GotoAsync($"/Content/History/{slug}?restore=2");
        Assert.Equal("", await editor.HorizontalOverflowAsync());
        problems.AddRange(await editor.AxeProblemsAsync("history-confirm-restore-phone"));
        await studio.DocScreenshotAsync(editor.GetByTestId("confirm-restore"), "restore-confirm-phone.png");

        // Through review like any change; the live copy reads as revision 1 did, as revision 3.
        await editor.GotoAsync($"/Content/Submit/{slug}");
        await editor.GetByLabel("Change summary").FillAsync("Back to the earlier wording of how it works.");
        await editor.GetByLabel("Reason").SelectOptionAsync("editorial");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        var reviewId = Guid.Parse(await editor.GetByTestId("review-id").InnerTextAsync());
        await ApproveAsync(reviewId);
        await studio.WaitForPublishedAsync(slug, 3);
        var live = await studio.Host.Http.GetFromJsonAsync<JsonElement>($"/api/published/{slug}");
        Assert.Equal(3, live.GetProperty("revision").GetInt32());
        Assert.Equal(OldMechanism, live.GetProperty("fields").GetProperty("mechanism").GetString());

        Assert.True(problems.Count == 0, "Serious or critical accessibility violations:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task A_shared_preview_opens_for_anyone_with_the_link_until_revoked_and_reaches_nothing_public()
    {
        const string slug = "previewinib";
        var setup = new ContentSetup(studio);
        await setup.CreateAsync(slug, "drug", "Previewinib (Peekova)", ContentSetup.Drug("previewinib", "Peekova"));
        var reviewId = await setup.SubmitAsync(slug);
        var problems = new List<string>();

        // A reviewer reaches the same page from the review.
        var reviewer = await studio.SignInAsync("Aisha Rahman");
        await reviewer.GotoAsync($"/Reviews/Review/{reviewId}");
        await reviewer.GetByTestId("share-preview-link").ClickAsync();
        await Expect(reviewer).ToHaveURLAsync(new Regex($"/Content/Previews/{slug}$"));
        await Expect(reviewer.GetByTestId("share-preview")).ToBeVisibleAsync();

        var editor = await studio.SignInAsync("Eve Marsh");
        await editor.GotoAsync($"/Content/Edit/{slug}");
        await editor.GetByRole(AriaRole.Link, new() { Name = "Share preview" }).ClickAsync();
        await Expect(editor.GetByTestId("no-preview-links")).ToBeVisibleAsync();
        await editor.GetByLabel("Link works for").SelectOptionAsync("P1D");
        await editor.GetByTestId("share-preview").ClickAsync();

        // Shown once, addressed from PublicBaseUrl (the standalone host's Development value), with a copy button.
        var made = editor.GetByTestId("preview-made");
        await Expect(made).ToContainTextAsync("shown only this once");
        var url = await editor.GetByTestId("preview-url").InputValueAsync();
        Assert.Matches(@"^http://localhost:5000/preview/pv_[A-Za-z0-9_-]{43}$", url);
        await Expect(editor.GetByRole(AriaRole.Button, new() { Name = "Copy link" })).ToBeVisibleAsync();
        problems.AddRange(await editor.AxeProblemsAsync("share-preview"));
        await studio.DocScreenshotAsync(made, "preview-share-desktop.png");

        // A fresh browser, signed in to nothing.
        var path = new Uri(url).AbsolutePath;
        var reader = await studio.NewPageAsync();
        var opened = await reader.GotoAsync(path);
        Assert.Equal(200, opened!.Status);
        Assert.Contains("noindex", opened.Headers["x-robots-tag"]);
        Assert.Equal("no-store", opened.Headers["cache-control"]);
        Assert.Equal("no-referrer", opened.Headers["referrer-policy"]);
        await Expect(reader.Locator("meta[name=robots]")).ToHaveAttributeAsync("content", "noindex, nofollow");
        await Expect(reader.GetByTestId("preview-banner")).ToContainTextAsync("Preview — not published");
        await Expect(reader.GetByTestId("preview-revision")).ToHaveTextAsync("1");
        await Expect(reader.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Previewinib (Peekova)");
        await Expect(reader.GetByTestId("public-view")).ToContainTextAsync("No clinician has signed this revision off yet.");
        problems.AddRange(await reader.AxeProblemsAsync("preview"));
        await WindowDocShotAsync(reader, "preview-page-desktop.png");
        await reader.SetViewportSizeAsync(PageChecks.Phone.Width, PageChecks.Phone.Height);
        await reader.ReloadAsync();
        Assert.Equal("", await reader.HorizontalOverflowAsync());
        problems.AddRange(await reader.AxeProblemsAsync("preview-phone"));
        await studio.ScreenshotAsync(reader, "preview-page-phone");
        await WindowDocShotAsync(reader, "preview-page-phone.png");

        // Nothing public heard of it.
        Assert.Equal(HttpStatusCode.NotFound, (await studio.Host.Http.GetAsync($"/api/published/{slug}")).StatusCode);
        var found = await studio.Host.Http.GetFromJsonAsync<JsonElement>("/api/search?q=previewinib");
        Assert.Equal(0, found.GetProperty("total").GetInt32());
        Assert.DoesNotContain(slug, await studio.Host.Http.GetStringAsync("/api/changes?limit=1000"));

        // The link is not shown again; the list has it, and revoking ends it.
        await editor.GotoAsync($"/Content/Previews/{slug}");
        await Expect(editor.GetByTestId("preview-made")).ToHaveCountAsync(0);
        await Expect(editor.GetByTestId("preview-state")).ToHaveTextAsync("Active");
        await editor.SetViewportSizeAsync(PageChecks.Phone.Width, PageChecks.Phone.Height);
        Assert.Equal("", await editor.HorizontalOverflowAsync());
        problems.AddRange(await editor.AxeProblemsAsync("preview-links-phone"));
        await studio.ScreenshotAsync(editor, "preview-links-phone");
        await editor.GetByTestId("revoke-preview").ClickAsync();
        await Expect(editor.GetByTestId("flash")).ToContainTextAsync("revoked");
        await Expect(editor.GetByTestId("preview-state")).ToHaveTextAsync("Revoked by Eve Marsh");

        var ended = await reader.GotoAsync(path);
        Assert.Equal(410, ended!.Status);
        await Expect(reader.GetByTestId("preview-unavailable")).ToHaveTextAsync("This preview has ended");
        await Expect(reader.Locator("main")).Not.ToContainTextAsync("Previewinib");
        problems.AddRange(await reader.AxeProblemsAsync("preview-ended-phone"));
        await studio.ScreenshotAsync(reader, "preview-ended-phone");

        var audit = await (await studio.Host.ClientAsAsync("setup-editor", "editor")).GetStringAsync($"/api/content/{slug}/audit");
        Assert.Contains("preview-opened", audit);
        Assert.DoesNotContain(path.Split('/')[^1], audit);

        Assert.True(problems.Count == 0, "Serious or critical accessibility violations:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task Without_JavaScript_the_new_link_is_a_field_to_select_by_hand()
    {
        const string slug = "plainlinkinib";
        var setup = new ContentSetup(studio);
        await setup.CreateAsync(slug, "drug", "Plainlinkinib (Nojava)", ContentSetup.Drug("plainlinkinib", "Nojava"));
        await setup.SubmitAsync(slug);

        var editor = await studio.SignInWithoutJavaScriptAsync("Eve Marsh");
        await editor.GotoAsync($"/Content/Previews/{slug}");
        await editor.GetByTestId("share-preview").ClickAsync();
        await Expect(editor.GetByTestId("preview-url")).ToHaveValueAsync(new Regex("/preview/pv_"));
        await Expect(editor.GetByRole(AriaRole.Button, new() { Name = "Copy link" })).ToBeHiddenAsync();
    }

    /// <summary>What the window shows, for docs/images (copied there when UPDATE_DOC_SCREENSHOTS=1, as <see cref="EditorPages.DocScreenshotAsync"/>).</summary>
    private async Task WindowDocShotAsync(IPage page, string file)
    {
        var path = Path.Combine(studio.ScreenshotFolder, "docs-" + file);
        await page.ScreenshotAsync(new() { Path = path });
        if (Environment.GetEnvironmentVariable("UPDATE_DOC_SCREENSHOTS") != "1") return;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Publishing.sln")))
            {
                File.Copy(path, Path.Combine(dir.FullName, "docs", "images", file), overwrite: true);
                return;
            }
    }

    private async Task PublishNewMechanismAsync(ContentSetup setup, string slug)
    {
        var editor = await studio.Host.ClientAsAsync("setup-editor", "editor");
        var item = await editor.GetFromJsonAsync<JsonElement>($"/api/content/{slug}");
        var fields = System.Text.Json.Nodes.JsonNode.Parse(item.GetProperty("fields").GetRawText())!.AsObject();
        fields["mechanism"] = NewMechanism;
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/content/{slug}")
        {
            Content = JsonContent.Create(new { title = item.GetProperty("title").GetString(), fields }),
        };
        put.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        Assert.Equal(HttpStatusCode.OK, (await editor.SendAsync(put)).StatusCode);
        await ApproveAsync(await setup.SubmitAsync(slug));
        await studio.WaitForPublishedAsync(slug, 2);
    }

    private async Task ApproveAsync(Guid reviewId)
    {
        foreach (var (id, qualification) in new[] { (ContentSetup.Pharmacist, "Clinical pharmacist"), (ContentSetup.Oncologist, "Consultant medical oncologist") })
        {
            var reviewer = await studio.Host.ClientAsAsync(id, "reviewer", qualification);
            await Eventually.Until(async () => (await reviewer.GetAsync($"/api/reviews/{reviewId}")).StatusCode == HttpStatusCode.OK,
                TimeSpan.FromSeconds(30), "the review to reach Review");
            var approved = await reviewer.PostAsJsonAsync($"/api/reviews/{reviewId}/approvals", new { comment = "Test data", referencesChecked = true });
            if (approved.StatusCode == HttpStatusCode.Conflict) break; // one approval was all its class needed
            Assert.True(approved.StatusCode == HttpStatusCode.OK, $"approving: {await approved.Content.ReadAsStringAsync()}");
        }
    }
}
