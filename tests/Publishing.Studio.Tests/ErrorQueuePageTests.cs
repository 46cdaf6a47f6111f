using System.Text.Json;
using Deque.AxeCore.Playwright;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Publishing.Contracts;
using Publishing.Standalone;
using Publishing.Testing;

namespace Publishing.Studio.Tests;

/// <summary>An admin handles the services' error queues from the Studio, at desktop and phone width.</summary>
[Collection(StudioCollection.Name)]
public sealed class ErrorQueuePageTests(StudioFixture studio)
{
    private const string SearchQueue = "search-indexing-index-published-content_error";
    private const string ReviewQueue = "review-record-published_error";

    [Fact]
    public async Task On_the_in_memory_bus_the_page_says_there_are_no_error_queues_and_editors_are_kept_out()
    {
        var admin = await studio.SignInAsync("Ada Brennan");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Error queues" }).ClickAsync();
        await Expect(admin.GetByTestId("host-problem")).ToContainTextAsync("in-memory bus");
        await studio.ScreenshotAsync(admin, "admin-error-queues-in-memory");

        var editor = await studio.SignInAsync("Eve Marsh");
        await editor.GotoAsync("/Admin/ErrorQueues");
        await Expect(editor.GetByTestId("access-denied")).ToContainTextAsync("administrators");
    }

    [Fact]
    public async Task An_admin_reads_a_refused_event_redrives_it_and_purges_a_queue_at_desktop_and_phone_width()
    {
        var rabbit = new RabbitMqFixture();
        await rabbit.InitializeAsync();
        using var data = new TempDirectory();
        try
        {
            await using var host = await ServiceHost.StartAsync((a, c) => StandaloneHost.Create(a, c),
                ServiceHost.Settings(await rabbit.CreateVirtualHostAsync(), data.Path));
            await host.WaitUntilReadyAsync();
            var slug = $"refused-{Guid.NewGuid().ToString("N")[..8]}";
            await host.Services.GetRequiredService<IBus>().Publish(Untitled(slug));

            var context = await studio.Browser.NewContextAsync(new()
                { BaseURL = host.Address.ToString().TrimEnd('/'), ViewportSize = new() { Width = 1280, Height = 900 } });
            context.SetDefaultTimeout(15_000);
            var page = await context.NewPageAsync();
            await page.GotoAsync("/SignIn");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in as Ada Brennan" }).ClickAsync();

            // Every service that consumes the event refused it; the standalone host is one host for all four.
            await Eventually.Until(async () =>
            {
                await page.GotoAsync("/Admin/ErrorQueues");
                return await page.GetByRole(AriaRole.Link, new() { Name = $"View messages in {SearchQueue}" }).CountAsync() == 1
                    && await page.GetByRole(AriaRole.Link, new() { Name = $"View messages in {ReviewQueue}" }).CountAsync() == 1;
            }, TimeSpan.FromSeconds(30), "the refused event in the error queues");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Authoring, Review, Search, Notifications" })).ToBeVisibleAsync();
            await studio.ScreenshotAsync(page, "admin-error-queues");
            await AssertFitsAsync(page, "the list");

            await page.GetByRole(AriaRole.Link, new() { Name = $"View messages in {SearchQueue}" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 3 })).ToHaveTextAsync("Publishing.Messaging.Validation.InvalidEventException");
            await Expect(page.Locator("article").First).ToContainTextAsync("title is missing");
            await page.GetByText("Body (utf-8)").ClickAsync();
            await Expect(page.Locator("article pre").Last).ToContainTextAsync(slug);
            await studio.ScreenshotAsync(page, "admin-error-queue-messages");
            await AssertFitsAsync(page, "the messages");
            var axe = await page.RunAxe();
            Assert.DoesNotContain(axe.Violations, v => v.Impact is "serious" or "critical");

            // Still refused on its way back, it is moved and then parked again.
            await page.GetByRole(AriaRole.Button, new() { Name = "Re-drive all to search-indexing-index-published-content" }).ClickAsync();
            await Expect(page.GetByTestId("flash")).ToContainTextAsync("1 message moved back to search-indexing-index-published-content");

            await page.GotoAsync($"/Admin/ErrorQueues?host=Authoring&queue={ReviewQueue}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Purge" }).ClickAsync();
            await Expect(page.GetByTestId("problem")).ToContainTextAsync("Nothing was deleted");
            await page.GetByLabel($"Delete every message in {ReviewQueue}").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Purge" }).ClickAsync();
            await Expect(page.GetByTestId("flash")).ToContainTextAsync($"1 message deleted from {ReviewQueue}");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = $"View messages in {ReviewQueue}" })).ToHaveCountAsync(0);
            await context.CloseAsync();
        }
        finally
        {
            await rabbit.DisposeAsync();
        }
    }

    /// <summary>At desktop and at phone width the page scrolls only down: wide tables scroll inside their own region.</summary>
    private async Task AssertFitsAsync(IPage page, string what)
    {
        foreach (var (width, height) in new[] { (1280, 900), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"At {width} px wide {what} is {overflow} px wider than the screen.");
            if (width < 600) await studio.ScreenshotAsync(page, $"admin-error-queues-phone-{what.Replace(' ', '-')}");
        }
        await page.SetViewportSizeAsync(1280, 900);
    }

    private static ContentPublished Untitled(string slug)
    {
        var now = DateTimeOffset.UtcNow;
        return new ContentPublished(Guid.NewGuid(), slug, 1, now, "drug", null!, JsonDocument.Parse("{}").RootElement.Clone(), [],
            ChangeClasses.Clinical, "A test of a refused event", "new-evidence", "editor-1", "Eve Editor",
            [new Approval("reviewer-1", "Aisha Rahman", "Clinical pharmacist", null, true, now)], now, now, null, null, "sha256:x");
    }
}
