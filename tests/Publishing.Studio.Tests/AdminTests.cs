using Microsoft.Playwright;

namespace Publishing.Studio.Tests;

[Collection(StudioCollection.Name)]
public sealed class AdminTests(StudioFixture studio)
{
    [Fact]
    public async Task An_admin_creates_a_subscription_sees_its_secret_once_and_opens_its_delivery_log()
    {
        var admin = await studio.SignInAsync("Ada Brennan");
        await admin.GotoAsync("/Admin/Subscriptions");

        // A problem the API names a field for is shown beside that field.
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create subscription" }).ClickAsync();
        await Expect(admin.GetByTestId("problem")).ToBeVisibleAsync();
        await studio.ScreenshotAsync(admin, "admin-subscription-errors");

        await admin.GetByLabel("Name (required)").FillAsync("Partner charity pages");
        await admin.GetByLabel("Webhook URL (required)").FillAsync("http://127.0.0.1:9/hooks/publishing");
        await admin.GetByLabel("Only these items").FillAsync("regorafenib");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create subscription" }).ClickAsync();
        await Expect(admin.GetByTestId("secret")).ToContainTextAsync("whsec_");
        await Expect(admin.GetByRole(AriaRole.Rowheader, new() { Name = "Partner charity pages" })).ToBeVisibleAsync();
        await studio.ScreenshotAsync(admin, "admin-subscriptions");

        await admin.GetByRole(AriaRole.Link, new() { Name = "Delivery log of Partner charity pages" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Partner charity pages");
        await studio.ScreenshotAsync(admin, "admin-delivery-log");

        // Editors are kept out of the admin pages.
        var editor = await studio.SignInAsync("Eve Marsh");
        await editor.GotoAsync("/Admin/Subscriptions");
        await Expect(editor.GetByTestId("access-denied")).ToContainTextAsync("administrators");
    }
}
