using System.Net;
using Microsoft.Playwright;
using Publishing.Standalone;
using Publishing.Testing;
using Xunit;

namespace Publishing.Studio.Tests;

/// <summary>
/// The standalone host (every service and the Studio, in-memory bus, sample content published) on
/// a free loopback port, and Debian's Chromium driven headless by Playwright. No browser is ever
/// downloaded: Playwright's driver ships in its NuGet package and the browser is /usr/bin/chromium.
/// </summary>
public sealed class StudioFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly TempDirectory _data = new();

    // Shared by every fixture in the process (each test collection may start its own host), so no
    // collection's screenshots overwrite or delete another's.
    private static int _shot;
    private static int _cleaned;

    public ServiceHost Host { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl => Host.Address.ToString().TrimEnd('/');

    /// <summary>Screenshots of every page visited: bin/{configuration}/net10.0/screenshots.</summary>
    public string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"{ChromiumPath} is missing. Run ./test.sh, which installs Debian's chromium package (these tests never download a browser).");

        if (Interlocked.Exchange(ref _cleaned, 1) == 0 && Directory.Exists(ScreenshotFolder)) Directory.Delete(ScreenshotFolder, recursive: true);
        Directory.CreateDirectory(ScreenshotFolder);

        var settings = ServiceHost.Settings(rabbitMq: null, _data.Path);
        settings["Seed:Enabled"] = "true";
        settings["Notifications:Webhooks:AllowPrivateNetworks"] = "true"; // the admin test subscribes a loopback URL
        Host = await ServiceHost.StartAsync((a, c) => StandaloneHost.Create(a, c), settings);

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseUrl, ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Opens a new browser context and signs in as the named dev user.</summary>
    public async Task<IPage> SignInAsync(string name)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/SignIn");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Sign in as {name}" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync(name);
        return page;
    }

    public async Task ScreenshotAsync(IPage page, string name)
    {
        var n = Interlocked.Increment(ref _shot);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, $"{n:00}-{name}.png"), FullPage = true });
    }

    /// <summary>Waits until Search serves the slug's published revision at or above <paramref name="revision"/>.</summary>
    public Task WaitForPublishedAsync(string slug, int revision = 1) =>
        Eventually.Until(async () =>
        {
            var response = await Host.Http.GetAsync($"/api/published/{slug}");
            if (response.StatusCode != HttpStatusCode.OK) return false;
            var doc = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(response.Content);
            return doc.GetProperty("revision").GetInt32() >= revision;
        }, TimeSpan.FromSeconds(60), $"{slug} revision {revision} to be published");

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        Playwright?.Dispose();
        if (Host is not null) await Host.DisposeAsync();
        _data.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class StudioCollection : ICollectionFixture<StudioFixture>
{
    public const string Name = "Studio";
}
