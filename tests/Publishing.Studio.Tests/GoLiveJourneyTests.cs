using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Publishing.Studio.Tests;

/// <summary>
/// An embargo in the Studio: the editor submits with a go-live time (UTC), the approved item says
/// "Approved, goes live at ..." and is not public, and the editor moves the time, cancels it and
/// publishes now, those three with JavaScript off. The drug is invented test data.
/// </summary>
[Collection(StudioCollection.Name)]
public sealed class GoLiveJourneyTests(StudioFixture studio)
{
    private const string Drug = "embargonib";
    private const string DrugTitle = "Embargonib (Testavia)";

    // Whole minutes a day or two ahead, in UTC, as a datetime-local input takes them.
    private static readonly DateTimeOffset First = Minute(DateTimeOffset.UtcNow.AddDays(1));
    private static readonly DateTimeOffset Moved = First.AddDays(1).AddMinutes(90);

    private static DateTimeOffset Minute(DateTimeOffset t) => new(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0, TimeSpan.Zero);

    private static string Input(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The Studio's one time format (as the public page and the rest of the Studio show times).</summary>
    private static string Shown(DateTimeOffset t) => t.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_editor_embargoes_a_drug_then_moves_cancels_and_publishes_it_now_with_or_without_JavaScript()
    {
        await new ContentSetup(studio).CreateAsync(Drug, "drug", DrugTitle, ContentSetup.Drug(Drug, "Testavia", "gist"));
        var problems = new List<string>();

        // Submit with a go-live time; a time in the past is refused beside the field first.
        var editor = await studio.SignInAsync("Eve Marsh");
        await editor.GotoAsync($"/Content/Submit/{Drug}");
        await editor.GetByLabel("Change summary").FillAsync("EMA decision; public at the stated hour.");
        await editor.GetByLabel("Reason").SelectOptionAsync("regulatory");
        var goLive = editor.GetByLabel("Go live at (UTC)");
        await Expect(editor.Locator("#f-publishAt-hint")).ToContainTextAsync("Coordinated Universal Time (UTC");
        await goLive.FillAsync(Input(Minute(DateTimeOffset.UtcNow.AddDays(-1))));
        await editor.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Expect(editor.Locator("#f-publishAt-error")).ToContainTextAsync("has passed");
        problems.AddRange(await editor.AxeProblemsAsync("submit-past-go-live"));

        await editor.GetByLabel("Go live at (UTC)").FillAsync(Input(First));
        await editor.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Expect(editor.GetByTestId("submitted-go-live")).ToContainTextAsync(Shown(First));
        var reviewId = Guid.Parse(await editor.GetByTestId("review-id").InnerTextAsync());

        // The reviewers see the embargo with the change, and once approved when it goes live.
        var reviewer = await studio.SignInAsync("Aisha Rahman");
        await reviewer.GotoAsync($"/Reviews/Review/{reviewId}");
        await Expect(reviewer.GetByTestId("review-go-live")).ToHaveTextAsync($"At {Shown(First)} once approved (an embargo), not before");
        await ApproveAsync(reviewId);
        await new ContentSetup(studio).WaitForStatusAsync(Drug, "scheduled");
        await reviewer.ReloadAsync();
        await Expect(reviewer.GetByTestId("review-go-live")).ToHaveTextAsync($"Approved, goes live at {Shown(First)}");
        problems.AddRange(await reviewer.AxeProblemsAsync("review-scheduled"));

        // The item and the list say when it goes live; the public copy does not exist yet.
        await editor.GotoAsync($"/Content/Edit/{Drug}");
        var box = editor.GetByTestId("go-live");
        await Expect(box.GetByRole(AriaRole.Heading)).ToHaveTextAsync($"Approved, goes live at {Shown(First)}");
        await Expect(editor.GetByTestId("status")).ToHaveTextAsync("Scheduled");
        Assert.Equal(HttpStatusCode.NotFound, (await studio.Host.Http.GetAsync($"/api/published/{Drug}")).StatusCode);
        problems.AddRange(await editor.AxeProblemsAsync("item-scheduled"));
        await studio.DocScreenshotAsync(box, "go-live-scheduled.png");
        await editor.SetViewportSizeAsync(PageChecks.Phone.Width, PageChecks.Phone.Height);
        await editor.ReloadAsync();
        Assert.Equal("", await editor.HorizontalOverflowAsync());
        problems.AddRange(await editor.AxeProblemsAsync("item-scheduled-phone"));
        await studio.DocScreenshotAsync(editor.GetByTestId("go-live"), "go-live-scheduled-phone.png");
        await editor.GotoAsync("/?status=scheduled");
        await Expect(editor.Locator("tr", new() { HasText = DrugTitle }).GetByTestId("goes-live")).ToHaveTextAsync($"Approved, goes live at {Shown(First)}");
        Assert.Equal("", await editor.HorizontalOverflowAsync());
        problems.AddRange(await editor.AxeProblemsAsync("list-scheduled-phone"));

        // Without JavaScript: move the time, cancel it, publish now.
        var plain = await studio.SignInWithoutJavaScriptAsync("Eve Marsh");
        await plain.GotoAsync($"/Content/Edit/{Drug}");
        await plain.GetByLabel("Go live at (UTC)").FillAsync(Input(Moved));
        await plain.GetByRole(AriaRole.Button, new() { Name = "Move go-live time" }).ClickAsync();
        await Expect(plain).ToHaveURLAsync(new Regex($"/Content/Edit/{Drug}$"));
        await Expect(plain.GetByTestId("go-live").GetByRole(AriaRole.Heading)).ToHaveTextAsync($"Approved, goes live at {Shown(Moved)}");

        await plain.GetByRole(AriaRole.Button, new() { Name = "Cancel go-live time" }).ClickAsync();
        await Expect(plain.GetByTestId("go-live").GetByRole(AriaRole.Heading)).ToHaveTextAsync("Approved, not live");
        await Expect(plain.GetByTestId("status")).ToHaveTextAsync("Approved, not live");
        await Expect(plain.GetByRole(AriaRole.Button, new() { Name = "Cancel go-live time" })).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.NotFound, (await studio.Host.Http.GetAsync($"/api/published/{Drug}")).StatusCode);

        await plain.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).ClickAsync();
        await Expect(plain.GetByTestId("status")).ToHaveTextAsync("Published");
        await Expect(plain.GetByTestId("go-live")).ToHaveCountAsync(0);
        await studio.WaitForPublishedAsync(Drug);

        // Every step is on the trail, with the editor's name and the times.
        var staff = await studio.Host.ClientAsAsync("setup-editor", "editor");
        var audit = (await staff.GetFromJsonAsync<JsonElement>($"/api/content/{Drug}/audit")).EnumerateArray()
            .Select(a => (Action: a.GetProperty("action").GetString(), Actor: a.GetProperty("actorName").GetString(), Detail: a.GetProperty("detail").GetString() ?? ""))
            .ToList();
        Assert.Contains(audit, a => a is { Action: "rescheduled", Actor: "Eve Marsh" });
        Assert.Contains(audit, a => a is { Action: "schedule-cancelled", Actor: "Eve Marsh" });
        Assert.Contains(audit, a => a is { Action: "published-now", Actor: "Eve Marsh" });

        Assert.True(problems.Count == 0, "Serious or critical accessibility violations:\n" + string.Join("\n", problems));
    }

    private async Task ApproveAsync(Guid reviewId)
    {
        foreach (var (id, qualification) in new[] { (ContentSetup.Pharmacist, "Clinical pharmacist"), (ContentSetup.Oncologist, "Consultant medical oncologist") })
        {
            var reviewer = await studio.Host.ClientAsAsync(id, "reviewer", qualification);
            await Eventually(async () => (await reviewer.GetAsync($"/api/reviews/{reviewId}")).StatusCode == HttpStatusCode.OK);
            var approved = await reviewer.PostAsJsonAsync($"/api/reviews/{reviewId}/approvals", new { comment = "Test data", referencesChecked = true });
            if (approved.StatusCode == HttpStatusCode.Conflict) break; // one approval was all its class needed
            Assert.True(approved.StatusCode == HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        }
    }

    private static Task Eventually(Func<Task<bool>> condition) =>
        Publishing.Testing.Eventually.Until(condition, TimeSpan.FromSeconds(30), "the review to reach Review");
}
