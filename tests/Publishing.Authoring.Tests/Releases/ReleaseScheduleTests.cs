using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Publishing.Authoring.Releases;
using Publishing.Authoring.Tests.Api;
using Publishing.Contracts;
using Publishing.Testing;
using Xunit;

namespace Publishing.Authoring.Tests.Releases;

/// <summary>A release scheduled for a time goes live from its row, on the injected clock, across a restart, once.</summary>
public sealed class ReleaseScheduleTests : IDisposable
{
    private readonly TempDirectory _data = new();
    // Starts at the real time: dev tokens are issued on this clock and checked on the real one.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    public void Dispose() => _data.Dispose();

    private ClockedAuthoringApi Host() => new(_data.Path, _clock);

    [Fact]
    public async Task A_scheduled_release_goes_live_at_its_time_after_a_restart_and_only_once()
    {
        Guid release;
        string slug;
        var at = _clock.GetUtcNow().AddHours(2);
        await using (var first = Host())
        {
            (var editor, slug, var submitted) = await first.InReviewAsync("imatinib");
            release = await editor.Http.CreateReleaseAsync("Embargoed");
            await editor.Http.AddOkAsync(release, slug);
            await first.ApproveAsync(submitted, slug, 1);
            await Publications.Until(editor, slug, "approved");
            var scheduled = await editor.Http.PutAsJsonAsync($"/api/releases/{release}/schedule", new { goLiveAt = at });
            Assert.Equal(HttpStatusCode.OK, scheduled.StatusCode);

            _clock.Advance(TimeSpan.FromHours(1));
            Assert.Equal(0, await first.RunSchedulerAsync());
            Assert.Equal("approved", (await editor.GetAsync(slug)).GetProperty("status").GetString());
        }

        _clock.Advance(TimeSpan.FromHours(1));
        await using var second = Host();
        // The restarted host's own scheduler makes a pass at start; two more race it here.
        var results = await Task.WhenAll(second.RunSchedulerAsync(), second.RunSchedulerAsync());
        await Eventually.Until(async () => (await second.ReleaseEventsAsync(release)).Count > 0, what: "the release to go live");

        Assert.True(results.Sum() <= 1);
        Assert.Equal(0, await second.RunSchedulerAsync());
        var one = Assert.Single(await second.ReleaseEventsAsync(release));
        Assert.Equal(at, one.OccurredAt);
        Assert.Equal(release, Assert.Single(await second.PublishedEventsAsync(slug)).ReleaseId);
        // Read from the database: a token issued on the advanced clock is not yet valid on the real one.
        Assert.Equal("published", await second.WithDb(db => Task.FromResult(db.Releases.Single(r => r.Id == release).Status)));
        Assert.Equal("published", await second.WithDb(db => Task.FromResult(db.Content.Single(c => c.Slug == slug).Status)));
    }

    [Fact]
    public async Task A_release_blocked_at_its_time_is_marked_failed_naming_the_member_and_publishes_nothing()
    {
        await using var host = Host();
        var (editor, slug, _) = await host.InReviewAsync("pazopanib");
        var release = await editor.Http.CreateReleaseAsync();
        await editor.Http.AddOkAsync(release, slug);
        await editor.Http.PutAsJsonAsync($"/api/releases/{release}/schedule", new { goLiveAt = _clock.GetUtcNow().AddMinutes(5) });

        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, await host.RunSchedulerAsync());

        var view = await editor.Http.GetReleaseAsync(release);
        Assert.Equal("failed", view.GetProperty("status").GetString());
        Assert.Contains(slug, view.GetProperty("failure").GetString());
        Assert.Empty(await host.ReleaseEventsAsync(release));
    }

    [Fact]
    public async Task A_past_time_is_422_a_withdrawal_makes_it_now_only_and_cancelling_returns_it_to_open()
    {
        await using var host = Host();
        var editor = await host.ClientAsAsync("editor-1", "editor");
        var reviewer = await host.ClientAsAsync("pharmacist-1", "reviewer", "Clinical pharmacist");
        var release = await editor.CreateReleaseAsync();
        var past = await editor.PutAsJsonAsync($"/api/releases/{release}/schedule", new { goLiveAt = _clock.GetUtcNow().AddMinutes(-1) });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, past.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await editor.PutAsJsonAsync($"/api/releases/{release}/schedule", new { })).StatusCode);

        var later = new { goLiveAt = _clock.GetUtcNow().AddDays(1) };
        Assert.Equal(HttpStatusCode.OK, (await editor.PutAsJsonAsync($"/api/releases/{release}/schedule", later)).StatusCode);
        var (_, slug, _) = await host.PublishedAsync("olaratumab");
        var refused = await reviewer.AddAsync(release, slug, "withdrawal", ReleaseClient.Reason, "Olaratumab (Lartruvo)");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);

        var cancelled = await editor.DeleteAsync($"/api/releases/{release}/schedule");
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("open", (await cancelled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        await reviewer.AddOkAsync(release, slug, "withdrawal", ReleaseClient.Reason, "Olaratumab (Lartruvo)");
        Assert.Equal(HttpStatusCode.Conflict, (await editor.PutAsJsonAsync($"/api/releases/{release}/schedule", later)).StatusCode);
    }
}

/// <summary>Authoring on a fake clock over a given folder, so a test can restart it on the same data.</summary>
public sealed class ClockedAuthoringApi(string dataDirectory, FakeTimeProvider clock) : ServiceApiFactory<Program, Data.AuthoringDbContext>(dataDirectory)
{
    protected override void Configure(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        // The scheduler is run by the test (RunSchedulerAsync); its own loop only wakes on the fake clock.
        builder.UseSetting("Authoring:Releases:Interval", "36500.00:00:00");
        builder.UseSetting("Messaging:Outbox:SentRetention", "36500.00:00:00");
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(clock));
    }

    public Task<int> RunSchedulerAsync() => WithDb(_ => Services.GetRequiredService<ReleaseScheduler>().RunOnceAsync(CancellationToken.None));
}
