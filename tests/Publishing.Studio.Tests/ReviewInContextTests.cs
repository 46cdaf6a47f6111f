using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Publishing.Testing;

namespace Publishing.Studio.Tests;

/// <summary>
/// Issue 15's slip, seen by a reviewer in context: "bowel perforation" added to regorafenib's serious
/// side effects shows in the whole list beside the perforation item already there, in the submitted
/// page beside the published one, at desktop and phone widths; the public page is a patient page.
/// Its own host: the regorafenib edit must not meet EditorialFlowTests' one.
/// </summary>
[Collection(ReviewInContextCollection.Name)]
public sealed class ReviewInContextTests(StudioFixture studio)
{
    private const string Duplicate = "bowel perforation";
    private const string Perforation = "a tear (perforation) or abnormal opening (fistula) in the bowel";
    private static readonly (int Width, int Height) Desktop = (1280, 900), Phone = (390, 844);

    private static Task<Guid>? _review;

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task A_reviewer_sees_the_new_bowel_perforation_beside_the_existing_perforation_item(string width)
    {
        var reviewId = await SubmittedDuplicateAsync();
        var page = await SignInAsync("Aisha Rahman", width == "phone" ? Phone : Desktop);

        await page.GotoAsync($"/Reviews/Review/{reviewId}");

        // The serious side effects, whole: the existing perforation item unchanged, the new one marked added.
        var serious = page.Locator("[data-testid=list-change][data-path='sideEffects.serious']");
        await Expect(serious.Locator("li")).ToHaveCountAsync(5);
        await Expect(serious.Locator("li[data-kind=unchanged]", new() { HasText = Perforation })).ToHaveCountAsync(1);
        var added = serious.Locator("li[data-kind=added]");
        await Expect(added).ToHaveCountAsync(1);
        await Expect(added).ToContainTextAsync("Added");
        await Expect(added).ToContainTextAsync(Duplicate);
        // An edited item is one edited item with its new words marked, not a removal and an addition.
        var common = page.Locator("[data-testid=list-change][data-path='sideEffects.common']");
        await Expect(common.Locator("li[data-kind=changed]")).ToContainTextAsync("Edited");
        await Expect(common.Locator("li[data-kind=changed] ins", new() { HasText = "lack of energy" })).ToBeVisibleAsync();
        Assert.Equal(0, await common.Locator("li[data-kind=added], li[data-kind=removed]").CountAsync());
        // Word-level highlights in the long dose text.
        await Expect(page.Locator("table.diff ins.w-added", new() { HasText = "sometimes" })).ToBeVisibleAsync();

        // The guard's warning the editor was given is in front of the reviewer too.
        await Expect(page.GetByTestId("review-warnings")).ToContainTextAsync("looks like a repeat of serious side effect");

        // The submitted page as patients will see it, beside the published one.
        var submitted = page.GetByTestId("preview-submitted");
        await Expect(submitted.GetByTestId("serious-side-effects")).ToContainTextAsync(Duplicate);
        await Expect(submitted.GetByTestId("serious-side-effects")).ToContainTextAsync(Perforation);
        await Expect(page.GetByTestId("preview-published").GetByTestId("serious-side-effects")).Not.ToContainTextAsync(Duplicate);
        await Expect(submitted).ToContainTextAsync("Possible side effects include:");

        // The decision stays in reach: the bar is in the window at the top of the page and while the lists are read.
        await DecisionBarInWindowAsync(page, "at the top of the page");
        await WindowShotAsync(page, $"review-{width}-top");
        await page.EvaluateAsync("() => window.scrollBy(0, document.querySelector('[data-testid=preview-submitted]').getBoundingClientRect().top - 120)");
        await WindowShotAsync(page, $"review-{width}-previews");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Changed lists, in full" }).ScrollIntoViewIfNeededAsync();
        await page.EvaluateAsync("() => window.scrollBy(0, document.querySelector('[data-testid=list-changes]').getBoundingClientRect().top - 60)");
        await DecisionBarInWindowAsync(page, "beside the changed lists");
        await WindowShotAsync(page, $"review-{width}-lists");
        await page.EvaluateAsync("() => window.scrollBy(0, document.querySelector('table.diff').getBoundingClientRect().top - 20)");
        await WindowShotAsync(page, $"review-{width}-changes");
        await page.GetByRole(AriaRole.Link, new() { Name = "Approve…" }).ClickAsync();
        await Expect(page.GetByLabel("I have checked the references")).ToBeInViewportAsync();

        if (width == "phone")
        {
            Assert.Equal("", await page.HorizontalOverflowAsync());
            // Stacked: the published page above the submitted one; each change a card.
            var published = (await page.GetByTestId("preview-published").BoundingBoxAsync())!;
            var mine = (await submitted.BoundingBoxAsync())!;
            Assert.True(published.Y + published.Height <= mine.Y, "The two pages are not stacked on a phone.");
            Assert.Equal("block", await page.Locator("table.diff td").First.EvaluateAsync<string>("td => getComputedStyle(td).display"));
        }
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await studio.ScreenshotAsync(page, $"review-in-context-{width}");
        await page.AssertAccessibleAsync($"review page ({width})");
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task The_public_page_is_a_patient_page_without_studio_chrome(string width)
    {
        await studio.WaitForPublishedAsync("pazopanib");
        var page = await NewPageAsync(width == "phone" ? Phone : Desktop);

        await page.GotoAsync("/published/pazopanib");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Pazopanib (Votrient)");
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Publishing Studio" }).CountAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).CountAsync());
        await Expect(page.GetByText("Possible side effects include:")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("how-taken")).ToContainTextAsync("Pazopanib is taken by mouth as tablets.");
        await Expect(page.GetByTestId("how-taken")).Not.ToContainTextAsync("oral, tablet");
        await Expect(page.GetByTestId("availability"))
            .ToContainTextAsync("Pazopanib has not been approved by NICE or the SMC for use on the NHS, so it may not be widely available.");
        // One date format: "10 December 2012", never "2012-12-10".
        var text = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotMatch(@"\d{4}-\d{2}-\d{2}", text);
        Assert.Contains("(SMC 820/12, 10 December 2012)", text);
        if (width == "phone") Assert.Equal("", await page.HorizontalOverflowAsync());
        await studio.ScreenshotAsync(page, $"public-page-{width}");
        await WindowShotAsync(page, $"public-{width}-top");
        await page.AssertAccessibleAsync($"public page ({width})");
    }

    [Fact]
    public async Task An_article_is_a_patient_page_too()
    {
        const string slug = "targeted-therapy-soft-tissue-sarcoma";
        await studio.WaitForPublishedAsync(slug);
        var page = await NewPageAsync(Phone);

        await page.GotoAsync($"/published/{slug}");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Targeted therapy for soft tissue sarcoma");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Imatinib (Glivec)" })).ToBeVisibleAsync();
        Assert.Equal("", await page.HorizontalOverflowAsync());
        await page.AssertAccessibleAsync("article page (phone)");
    }

    [Fact]
    public async Task A_withdrawn_item_names_the_drug_and_tells_patients_not_to_stop_without_advice()
    {
        // The demo withdraws olaratumab once its publication has been relayed.
        await Eventually.Until(async () => (await studio.Host.Http.GetAsync("/api/published/olaratumab")).StatusCode == HttpStatusCode.Gone,
            TimeSpan.FromSeconds(60), "olaratumab to be withdrawn");
        var page = await NewPageAsync(Phone);

        var response = await page.GotoAsync("/published/olaratumab");

        Assert.Equal(410, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Olaratumab (Lartruvo): information withdrawn");
        await Expect(page.GetByTestId("withdrawn")).ToContainTextAsync("do not stop taking it without advice");
        await Expect(page.GetByTestId("withdrawn")).ToContainTextAsync("Talk to your doctor");
        await studio.ScreenshotAsync(page, "public-withdrawn-phone");
        await page.AssertAccessibleAsync("withdrawn page (phone)");
    }

    /// <summary>
    /// Once per host, through the API as an editor would: "bowel perforation" added to the serious side
    /// effects, a common side effect reworded and a word of the dose changed; submitted for review.
    /// </summary>
    private Task<Guid> SubmittedDuplicateAsync() => _review ??= SubmitAsync();

    private async Task<Guid> SubmitAsync()
    {
        await studio.WaitForPublishedAsync("regorafenib");
        var editor = await studio.Host.ClientAsAsync("dev-editor-eve", ["editor"], name: "Eve Marsh");
        var current = await editor.GetAsync("/api/content/regorafenib");
        var item = (await current.Content.ReadFromJsonAsync<JsonObject>())!;
        var fields = item["fields"]!.AsObject();
        fields["sideEffects"]!["serious"]!.AsArray().Add(Duplicate);
        var common = fields["sideEffects"]!["common"]!.AsArray();
        common[common.Select(n => (string?)n).ToList().IndexOf("tiredness and weakness")] = "tiredness, weakness and lack of energy";
        fields["administration"]!["dose"] = fields["administration"]!["dose"]!.GetValue<string>().Replace("often reduced", "sometimes reduced");

        var save = new HttpRequestMessage(HttpMethod.Put, "/api/content/regorafenib")
        {
            Content = JsonContent.Create(new { title = item["title"]!.GetValue<string>(), fields }),
        };
        save.Headers.IfMatch.Add(current.Headers.ETag!);
        (await editor.SendAsync(save)).EnsureSuccessStatusCode();
        var submit = await editor.PostAsJsonAsync("/api/content/regorafenib/submissions",
            new { changeSummary = "Adds bowel perforation to the serious side effects; clearer tiredness; dose wording.", reason = "safety" });
        submit.EnsureSuccessStatusCode();
        return (await submit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reviewId").GetGuid();
    }

    private async Task<IPage> NewPageAsync((int Width, int Height) size)
    {
        var context = await studio.Browser.NewContextAsync(new()
        {
            BaseURL = studio.BaseUrl, ViewportSize = new() { Width = size.Width, Height = size.Height },
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    private async Task<IPage> SignInAsync(string name, (int Width, int Height) size)
    {
        var page = await NewPageAsync(size);
        await page.GotoAsync("/SignIn");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Sign in as {name}" }).ClickAsync();
        await Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync(name);
        return page;
    }

    /// <summary>What the window shows (not the whole page), for docs/images.</summary>
    private Task WindowShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(studio.ScreenshotFolder, $"window-{name}.png") });

    private static async Task DecisionBarInWindowAsync(IPage page, string where)
    {
        var bar = await page.GetByTestId("decision-bar").BoundingBoxAsync();
        Assert.NotNull(bar);
        Assert.True(bar.Y >= 0 && bar.Y + bar.Height <= page.ViewportSize!.Height + 1,
            $"The decision bar is at y={bar.Y} (height {bar.Height}), out of the window, {where}.");
    }

}

/// <summary>A host of its own, so regorafenib's edit here never meets another test's.</summary>
[CollectionDefinition(Name)]
public sealed class ReviewInContextCollection : ICollectionFixture<StudioFixture>
{
    public const string Name = "Review in context";
}
