using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Publishing.Contracts;
using Publishing.SearchIndexing.Data;
using Publishing.Standalone;
using Publishing.Testing;
using Xunit;

namespace Publishing.EndToEnd.Tests;

/// <summary>Rebuilding the search index from Authoring, in the standalone host (one origin).</summary>
public sealed class SearchRebuildTests : IAsyncLifetime
{
    private static readonly string[] Queries =
    [
        "q=Glivec", "q=Sutent", "q=vomit", "q=sarcoma", "q=liver", "q=tyrosine%20kinase", "type=drug", "type=article",
        "q=GIST&type=drug", "drugClass=monoclonal%20antibody", "q=%22soft%20tissue%20sarcoma%22", "q=tablet*&pageSize=3&page=2",
    ];

    private readonly TempDirectory _data = new();
    private ServiceHost _host = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        var settings = ServiceHost.Settings(rabbitMq: null, _data.Path);
        settings["Seed:Enabled"] = "true";
        _host = await ServiceHost.StartAsync((a, c) => StandaloneHost.Create(a, c), settings);
        _admin = await _host.ClientAsAsync("admin-1", "admin");
        // Seeding ends with olaratumab's withdrawal (its EU licence was revoked in 2019): four drugs stay searchable.
        await Eventually.Until(async () => (await _host.Http.GetAsync("/api/published/olaratumab")).StatusCode == HttpStatusCode.Gone,
            TimeSpan.FromSeconds(60), "the sample content to be seeded and olaratumab withdrawn");
        await Eventually.Until(async () => (await Search("type=drug")).GetProperty("total").GetInt32() == 4,
            TimeSpan.FromSeconds(60), "the sample drugs to be searchable");
        await Eventually.Until(async () => (await Search("type=article")).GetProperty("total").GetInt32() == 1, what: "the sample article");
    }

    private Task<JsonElement> Search(string query) => _host.Http.GetFromJsonAsync<JsonElement>($"/api/search?{query}");

    private async Task<List<string>> Answers()
    {
        var answers = new List<string>();
        foreach (var query in Queries)
        {
            var result = await Search(query);
            var hits = string.Join(",", result.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("slug").GetString()));
            answers.Add($"{query} -> {result.GetProperty("total")} [{hits}] {result.GetProperty("facets").GetRawText()}");
        }
        return answers;
    }

    private async Task RebuildAsync()
    {
        var started = await _admin.PostAsync("/api/search/rebuild", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var status = await Eventually.Until(() => _admin.GetFromJsonAsync<JsonElement>("/api/search/rebuild"),
            s => s.GetProperty("state").GetString() is "completed" or "failed", what: "the rebuild to finish");
        Assert.Equal("completed", status.GetProperty("state").GetString());
        Assert.Equal(5, status.GetProperty("documentsFromAuthoring").GetInt32());
    }

    [Fact]
    public async Task A_rebuilt_index_answers_every_query_exactly_as_the_incremental_one()
    {
        var incremental = await Answers();
        await RebuildAsync();
        Assert.Equal(incremental, await Answers());
    }

    [Fact]
    public async Task A_document_rebuilt_from_Authoring_keeps_its_sample_mark_and_a_withdrawal_stays_withdrawn()
    {
        // As if Search had lost imatinib: the rebuild must take it, and its sample mark, from Authoring's record.
        await using (var scope = _host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SearchDbContext>().Documents.Where(d => d.Slug == "imatinib").ExecuteDeleteAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Http.GetAsync("/api/published/imatinib")).StatusCode);

        await RebuildAsync();

        var imatinib = await _host.Http.GetFromJsonAsync<JsonElement>("/api/published/imatinib");
        Assert.True(imatinib.GetProperty("sample").GetBoolean());
        Assert.All(imatinib.GetProperty("approvals").EnumerateArray(),
            a => Assert.StartsWith("Sample reviewer", a.GetProperty("reviewerName").GetString()));
        Assert.True((await _host.Http.GetFromJsonAsync<JsonElement>("/api/published/sunitinib")).GetProperty("sample").GetBoolean());
        Assert.Equal(HttpStatusCode.Gone, (await _host.Http.GetAsync("/api/published/olaratumab")).StatusCode);
    }

    [Fact]
    public async Task Changes_arriving_during_a_rebuild_are_not_lost()
    {
        var bus = _host.Services.GetRequiredService<IBus>();
        var arriving = Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                await bus.Publish(Event($"late-arrival-{i}"));
                await Task.Delay(5);
            }
        });
        await RebuildAsync();
        await arriving;

        await Eventually.Until(async () => (await Search("q=quetzalcoatl&pageSize=50")).GetProperty("total").GetInt32() == 40,
            what: "all forty changes published during the rebuild to be searchable");
        await using var scope = _host.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<SearchDbContext>().IndexQueue.AnyAsync());
    }

    [Fact]
    public async Task Only_an_admin_may_rebuild_and_not_twice_at_once()
    {
        var editor = await _host.ClientAsAsync("editor-1", "editor");
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.PostAsync("/api/search/rebuild", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Http.PostAsync("/api/search/rebuild", null)).StatusCode);
        var first = _admin.PostAsync("/api/search/rebuild", null);
        var second = _admin.PostAsync("/api/search/rebuild", null);
        var codes = (await Task.WhenAll(first, second)).Select(r => r.StatusCode).ToList();
        Assert.Contains(HttpStatusCode.Accepted, codes);
        await Eventually.Until(async () => (await _admin.GetFromJsonAsync<JsonElement>("/api/search/rebuild")).GetProperty("state").GetString() != "running",
            what: "the rebuild to finish");
    }

    private static ContentPublished Event(string slug)
    {
        var now = DateTimeOffset.UtcNow;
        var fields = JsonDocument.Parse($$"""
            {"title":"{{slug}}","summary":"A note about quetzalcoatl.","sections":[{"heading":"About","body":"Quetzalcoatl text."}],
             "relatedDrugs":[],"conditions":["soft tissue sarcoma"],"tags":[]}
            """).RootElement.Clone();
        return new ContentPublished(Guid.NewGuid(), slug, 1, now, "article", $"Late {slug}", fields, [], "editorial", "late", "editorial",
            "editor-1", "Eve Editor", [new Approval("r1", "R One", "Clinical pharmacist", null, true, now)], now, now, null, null, "sha256:x");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
    }
}
