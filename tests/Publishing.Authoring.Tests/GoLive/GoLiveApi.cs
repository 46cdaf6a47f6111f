using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Publishing.Authoring.Data;
using Publishing.Authoring.GoLive;
using Publishing.Authoring.Tests.Api;
using Publishing.Testing;
using Xunit;

namespace Publishing.Authoring.Tests.GoLive;

/// <summary>
/// Authoring on a fake clock that every part of it reads, the scheduled-publication worker included;
/// pass the folder of an earlier host to restart on its data, or run a second instance beside it.
/// </summary>
public sealed class GoLiveApi(FakeTimeProvider clock, string? dataDirectory = null)
    : ServiceApiFactory<Program, AuthoringDbContext>(dataDirectory)
{
    /// <summary>A clock at a whole second near the real time: tokens it stamps stay valid, and SQLite keeps the value exactly.</summary>
    public static FakeTimeProvider NewClock() => new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public FakeTimeProvider Clock => clock;

    protected override void Configure(IWebHostBuilder builder)
    {
        // Registered after the service's own TryAdd of TimeProvider.System, so this one wins.
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(clock));
    }

    /// <summary>One pass of the worker, as the loop would run it: deterministic, for "not yet" assertions.</summary>
    public Task PassAsync() => WithDb(_ => Services.GetRequiredService<ScheduledPublisher>().PassAsync(CancellationToken.None));

    /// <summary>A new drug entry from a sample, submitted with a go-live time; answers the submission.</summary>
    public async Task<(ContentClient Editor, string Slug, JsonElement Submitted)> SubmittedAsync(DateTimeOffset? publishAt, string sample = "imatinib")
    {
        var editor = new ContentClient(await ClientAsAsync("editor-1", "editor"));
        var slug = $"{sample}-{Guid.NewGuid().ToString("N")[..8]}";
        await editor.CreateAsync(Samples.CreateRequest(sample, slug));
        var response = await editor.Http.PostAsJsonAsync($"/api/content/{slug}/submissions",
            new { changeSummary = "Regulator's decision, embargoed", reason = "regulatory", publishAt = publishAt?.ToString("O") });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (editor, slug, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    /// <summary>Submitted with <paramref name="publishAt"/> and fully approved: scheduled.</summary>
    public async Task<(ContentClient Editor, string Slug)> ScheduledAsync(DateTimeOffset publishAt, string sample = "imatinib")
    {
        var (editor, slug, submitted) = await SubmittedAsync(publishAt, sample);
        await this.ApproveAsync(submitted, slug, 1);
        await Publications.Until(editor, slug, "scheduled");
        return (editor, slug);
    }

    /// <summary>A published sample (no go-live time) under a fresh slug.</summary>
    public async Task<(ContentClient Editor, string Slug, System.Text.Json.Nodes.JsonObject Request)> PublishedAsyncOnClock(string sample = "olaratumab")
    {
        var editor = new ContentClient(await ClientAsAsync("editor-1", "editor"));
        var slug = $"{sample}-{Guid.NewGuid().ToString("N")[..8]}";
        var request = Samples.CreateRequest(sample, slug);
        await editor.CreateAsync(request);
        await this.ApproveAsync(await editor.SubmitOkAsync(slug), slug, 1);
        await Publications.Until(editor, slug, "published");
        return (editor, slug, request);
    }

    public async Task<List<string>> AuditAsync(ContentClient editor, string slug) =>
        (await editor.Http.GetFromJsonAsync<JsonElement>($"/api/content/{slug}/audit"))
        .EnumerateArray().Select(a => $"{a.GetProperty("action").GetString()}|{a.GetProperty("actorName").GetString()}|{a.GetProperty("detail").GetString()}")
        .ToList();
}
