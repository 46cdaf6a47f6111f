using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Publishing.Studio.Tests;

/// <summary>Two editors on one item: who else is editing, edits merged, and a field both changed asked about.</summary>
[Collection(EditorCollection.Name)]
public sealed class EditorMergeTests(StudioFixture studio)
{
    [Fact]
    public async Task Two_editors_edits_to_different_fields_both_survive()
    {
        const string slug = "sunitinib";
        await studio.WaitForPublishedAsync(slug);
        var first = await studio.SignInAsync("Eve Marsh");
        var second = await studio.SignInAsync("Sam Okafor");
        await first.GotoAsync($"/Content/Edit/{slug}");
        await second.GotoAsync($"/Content/Edit/{slug}");
        await Expect(second.GetByTestId("presence")).ToHaveTextAsync("Eve Marsh is editing this too.");

        const string note = "Evidence reviewed again in 2026; no change to the conclusions.";
        await first.GetByLabel("Evidence notes").FillAsync(note);
        await first.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).First.ClickAsync();
        await Expect(first.GetByTestId("flash")).ToContainTextAsync("Saved as revision");

        // The second, still on the revision both opened, edits other fields (and adds a row) and saves.
        const string contact = "Call the 24-hour oncology line at once if you have a temperature of 38°C or above.";
        const string common = "swelling around the eyes";
        await second.GetByLabel("Contact the team if (required)").FillAsync(contact);
        var count = await second.GetByLabel("Common side effect", new() { Exact = false }).CountAsync();
        await second.GetByRole(AriaRole.Button, new() { Name = "Add a common side effect" }).ClickAsync();
        await second.GetByLabel($"Common side effect {count + 1}", new() { Exact = true }).FillAsync(common);
        await second.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).First.ClickAsync();

        // Saved without a prompt, both edits in, and the page says whose changes were merged in.
        await Expect(second.GetByTestId("flash")).ToContainTextAsync("Saved as revision");
        await Expect(second.GetByTestId("merge-summary")).ToContainTextAsync("Merged with Eve Marsh's revision");
        await Expect(second.GetByTestId("merge-summary")).ToContainTextAsync("evidence notes were kept");
        await Expect(second.GetByLabel("Evidence notes")).ToHaveValueAsync(note);
        await Expect(second.GetByLabel("Contact the team if (required)")).ToHaveValueAsync(contact);
        await Expect(second.GetByLabel($"Common side effect {count + 1}", new() { Exact = true })).ToHaveValueAsync(common);
        await studio.ScreenshotAsync(second, "editor-merged");

        var api = await studio.Host.ClientAsAsync("check", "editor");
        var fields = (await api.GetFromJsonAsync<JsonElement>($"/api/content/{slug}")).GetProperty("fields");
        Assert.Equal(note, fields.GetProperty("evidenceNotes").GetString());
        Assert.Equal(contact, fields.GetProperty("sideEffects").GetProperty("contactTeamIf").GetString());
        Assert.Contains(common, fields.GetProperty("sideEffects").GetProperty("common").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task An_overlapping_safety_edit_asks_before_it_is_replaced()
    {
        const string slug = "imatinib";
        await studio.WaitForPublishedAsync(slug);
        var problems = new List<string>();
        var first = await studio.SignInAsync("Eve Marsh");
        var second = await studio.SignInAsync("Sam Okafor");
        await first.GotoAsync($"/Content/Edit/{slug}");
        await second.GotoAsync($"/Content/Edit/{slug}");

        const string theirs = "Take it with a meal and a large glass of water, at the same time each day.";
        await first.GetByLabel("Food advice", new() { Exact = true }).FillAsync(theirs);
        await first.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).First.ClickAsync();
        await Expect(first.GetByTestId("flash")).ToContainTextAsync("Saved as revision");
        var afterFirst = await first.GetByTestId("revision").TextContentAsync();

        const string mine = "Take it with food.";
        await second.GetByLabel("Food advice", new() { Exact = true }).FillAsync(mine);
        await second.GetByLabel("How it works (mechanism) (required)").FillAsync("Imatinib blocks the faulty KIT and PDGFRA signals that drive GIST.");
        await second.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).First.ClickAsync();

        // Nothing is saved yet: the page asks, showing both versions of the safety field, with the edits still in the form.
        var prompt = second.GetByTestId("merge-prompt");
        await Expect(prompt).ToBeVisibleAsync();
        await Expect(prompt.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToContainTextAsync("Eve Marsh changed a field you changed too");
        var conflict = prompt.GetByTestId("conflict");
        await Expect(conflict).ToHaveCountAsync(1);
        await Expect(conflict.Locator("legend")).ToContainTextAsync("Food advice");
        await Expect(conflict.Locator("legend")).ToContainTextAsync("Safety");
        await Expect(conflict.GetByTestId("theirs")).ToContainTextAsync(theirs);
        await Expect(conflict.GetByTestId("mine")).ToContainTextAsync(mine);
        await Expect(second.GetByLabel("Food advice", new() { Exact = true })).ToHaveValueAsync(mine);
        await Expect(second.GetByTestId("revision")).ToHaveTextAsync(afterFirst!);
        problems.AddRange(await second.AxeProblemsAsync("merge-prompt"));
        await studio.DocScreenshotAsync(prompt, "merge-prompt-desktop.png");
        await second.SetViewportSizeAsync(PageChecks.Phone.Width, PageChecks.Phone.Height);
        Assert.Equal("", await second.HorizontalOverflowAsync());
        problems.AddRange(await second.AxeProblemsAsync("merge-prompt-phone"));
        await studio.DocScreenshotAsync(prompt, "merge-prompt-phone.png");
        await second.SetViewportSizeAsync(1280, 900);

        // Saving without choosing asks again; choosing "Keep mine" replaces their safety change, and says so.
        await prompt.GetByRole(AriaRole.Button, new() { Name = "Save with these choices" }).ClickAsync();
        await Expect(second.GetByTestId("merge-prompt")).ToBeVisibleAsync();
        await second.GetByLabel("Keep mine", new() { Exact = false }).CheckAsync();
        await second.GetByRole(AriaRole.Button, new() { Name = "Save with these choices" }).ClickAsync();
        await Expect(second.GetByTestId("flash")).ToContainTextAsync("Saved as revision");
        await Expect(second.GetByTestId("merge-choice")).ToContainTextAsync("You replaced Eve Marsh's safety change to food advice with yours");
        await Expect(second.GetByLabel("Food advice", new() { Exact = true })).ToHaveValueAsync(mine);
        await studio.ScreenshotAsync(second, "editor-merge-replaced-safety");

        var audit = await first.Context.APIRequest.GetAsync($"/Content/Audit/{slug}");
        Assert.Contains("replaced their safety change to fields.administration.foodAdvice", await audit.TextAsync());
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
