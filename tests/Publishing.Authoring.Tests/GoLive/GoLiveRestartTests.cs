using Microsoft.EntityFrameworkCore;
using Publishing.Authoring.Tests.Api;
using Publishing.Contracts;
using Publishing.Testing;
using Xunit;

namespace Publishing.Authoring.Tests.GoLive;

/// <summary>The schedule is a row, not a timer: a restarted host publishes what fell due, and two hosts publish it once.</summary>
public sealed class GoLiveRestartTests : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = GoLiveApi.NewClock();

    [Fact]
    public async Task A_new_host_over_the_same_database_publishes_a_publication_that_fell_due_while_none_ran()
    {
        string slug;
        using (var first = new GoLiveApi(_clock, _data.Path))
            (_, slug) = await first.ScheduledAsync(_clock.GetUtcNow().AddMinutes(30));

        _clock.Advance(TimeSpan.FromMinutes(31));

        // Read from the database: a token stamped by the moved clock would not yet be valid by the real one.
        using var second = new GoLiveApi(_clock, _data.Path);
        await Eventually.Until(() => second.WithDb(db => db.Content.AnyAsync(c => c.Slug == slug && c.Status == "published" && c.PublishedRevision == 1)),
            what: $"{slug} to go live after the restart");
        var published = Assert.Single(await second.EventsAsync<ContentPublished>(), e => e.Slug == slug);
        Assert.Equal(1, published.Revision);
    }

    [Fact]
    public async Task Two_hosts_on_one_database_publish_a_due_item_exactly_once()
    {
        using var a = new GoLiveApi(_clock, _data.Path);
        var slugs = new List<string>();
        for (var i = 0; i < 3; i++) slugs.Add((await a.ScheduledAsync(_clock.GetUtcNow().AddMinutes(5))).Slug);
        using var b = new GoLiveApi(_clock, _data.Path);
        await b.WithDb(db => db.Content.CountAsync());
        var editor = new ContentClient(await a.ClientAsAsync("editor-1", "editor"));

        _clock.Advance(TimeSpan.FromMinutes(5));
        // Both workers woke on the clock; these passes race them and each other, a bounded number of times.
        for (var round = 0; round < 5; round++) await Task.WhenAll(a.PassAsync(), b.PassAsync(), a.PassAsync(), b.PassAsync());

        foreach (var slug in slugs) await Publications.Until(editor, slug, "published");
        var events = (await a.EventsAsync<ContentPublished>()).Where(e => slugs.Contains(e.Slug)).ToList();
        Assert.Equal(slugs.Order(), events.Select(e => e.Slug).Order());
        foreach (var slug in slugs)
            Assert.Single(await a.AuditAsync(editor, slug), x => x.StartsWith("published|"));
    }

    public void Dispose() => _data.Dispose();
}
