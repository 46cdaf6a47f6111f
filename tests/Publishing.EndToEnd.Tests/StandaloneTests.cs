using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Publishing.Standalone;
using Publishing.Testing;
using Xunit;

namespace Publishing.EndToEnd.Tests;

/// <summary>The README's run command: every service in one process, in-memory bus, SQLite, sample content.</summary>
public sealed class StandaloneTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly ErrorLog _errors = new();
    private ServiceHost _host = null!;

    public async Task InitializeAsync()
    {
        var settings = ServiceHost.Settings(rabbitMq: null, _data.Path);
        settings["Seed:Enabled"] = "true";
        _host = await ServiceHost.StartAsync((a, c) => StandaloneHost.Create(a, b =>
        {
            c?.Invoke(b);
            b.Logging.AddProvider(_errors);
        }), settings);
    }

    private static readonly string[] LiveSamples = ["imatinib", "sunitinib", "regorafenib", "pazopanib", "targeted-therapy-soft-tissue-sarcoma"];

    [Fact]
    public async Task It_is_ready_and_serves_the_seeded_sample_content_marked_as_sample_with_sample_reviewers()
    {
        var ready = await Eventually.Until(() => _host.Http.GetAsync("/health/ready"),
            r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "/health/ready");
        Assert.Equal("Healthy", (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        foreach (var slug in LiveSamples)
        {
            var document = await PublishedAsync(slug);
            Assert.True(document.GetProperty("sample").GetBoolean(), $"{slug} is not marked as sample content");
            var approvals = document.GetProperty("approvals").EnumerateArray().ToList();
            Assert.NotEmpty(approvals);
            Assert.All(approvals, a => Assert.StartsWith("Sample reviewer", a.GetProperty("reviewerName").GetString()));
            Assert.All(approvals, a => Assert.False(string.IsNullOrEmpty(a.GetProperty("qualification").GetString())));
        }
    }

    [Fact]
    public async Task Olaratumab_is_published_then_withdrawn_for_its_2019_licence_revocation()
    {
        var gone = await Eventually.Until(() => _host.Http.GetAsync("/api/published/olaratumab"),
            r => r.StatusCode == HttpStatusCode.Gone, TimeSpan.FromSeconds(60), "olaratumab to be withdrawn");
        var tombstone = await gone.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("2019", tombstone.GetProperty("reason").GetString());
        Assert.Contains("revoked", tombstone.GetProperty("reason").GetString());

        // The index follows the tombstone moments later (its writer batches changes).
        await Eventually.Until(async () =>
            !(await _host.Http.GetFromJsonAsync<JsonElement>("/api/search?q=Lartruvo&pageSize=50")).GetProperty("hits").EnumerateArray()
                .Any(h => h.GetProperty("slug").GetString() == "olaratumab"),
            TimeSpan.FromSeconds(30), "search to stop finding olaratumab");

        var feed = await _host.Http.GetFromJsonAsync<JsonElement>("/api/changes?limit=100");
        var history = feed.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("slug").GetString() == "olaratumab")
            .Select(i => (i.GetProperty("type").GetString(), i.GetProperty("revision").GetInt32())).ToList();
        Assert.Equal([("content.published", 1), ("content.withdrawn", 1)], history);
        var atom = await _host.Http.GetStringAsync("/feed.atom");
        Assert.Contains("content.published", atom);
        Assert.Contains("content.withdrawn", atom);

        var staff = await _host.ClientAsAsync("editor-1", "editor");
        var audit = await staff.GetFromJsonAsync<JsonElement>("/api/content/olaratumab/audit");
        var steps = audit.EnumerateArray().Select(a => a.GetProperty("action").GetString()).ToList();
        Assert.Equal(["created", "published", "withdrawn"], steps);
        var published = audit.EnumerateArray().Single(a => a.GetProperty("action").GetString() == "published");
        Assert.Contains("not a clinical review", published.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_withdrawal_the_first_start_did_not_get_to_is_carried_out_on_the_next_start()
    {
        // The seeder withdraws only once the publications are relayed and have settled, so a host stopped
        // straight after starting has published olaratumab but not yet withdrawn it.
        var staff = await _host.ClientAsAsync("editor-1", "editor");
        var before = await staff.GetFromJsonAsync<JsonElement>("/api/content/olaratumab");
        Assert.Equal("published", before.GetProperty("status").GetString());
        await _host.DisposeAsync();

        var settings = ServiceHost.Settings(rabbitMq: null, _data.Path);
        settings["Seed:Enabled"] = "true";
        _host = await ServiceHost.StartAsync((a, c) => StandaloneHost.Create(a, c), settings);

        staff = await _host.ClientAsAsync("editor-1", "editor");
        await Eventually.Until(async () => (await staff.GetFromJsonAsync<JsonElement>("/api/content/olaratumab")).GetProperty("status").GetString() == "withdrawn",
            TimeSpan.FromSeconds(60), "olaratumab to be withdrawn on the second start");
        var audit = await staff.GetFromJsonAsync<JsonElement>("/api/content/olaratumab/audit");
        Assert.Equal(["created", "published", "withdrawn"], audit.EnumerateArray().Select(a => a.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task The_sarcoma_article_says_olaratumab_was_withdrawn_and_no_longer_lists_it()
    {
        var article = await PublishedAsync("targeted-therapy-soft-tissue-sarcoma");
        var fields = article.GetProperty("fields");

        var section = fields.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("heading").GetString()!.StartsWith("Olaratumab"));
        Assert.Equal("Olaratumab (Lartruvo) – withdrawn in 2019", section.GetProperty("heading").GetString());
        Assert.Contains("It is no longer available", section.GetProperty("body").GetString());
        Assert.DoesNotContain("olaratumab", fields.GetProperty("relatedDrugs").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public async Task Nothing_is_logged_as_an_error_while_it_starts_seeds_publishes_and_withdraws()
    {
        await Eventually.Until(async () => (await _host.Http.GetAsync("/api/published/olaratumab")).StatusCode == HttpStatusCode.Gone,
            TimeSpan.FromSeconds(60), "the sample content to be published and olaratumab withdrawn");
        Assert.Empty(_errors.Entries);
    }

    private async Task<JsonElement> PublishedAsync(string slug)
    {
        var response = await Eventually.Until(() => _host.Http.GetAsync($"/api/published/{slug}"),
            r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60), $"{slug} to be published");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public void It_does_not_watch_its_settings_files_so_writes_under_its_folder_cost_nothing()
    {
        var files = ((IConfigurationRoot)_host.App.Configuration).Providers.OfType<FileConfigurationProvider>().ToList();
        Assert.NotEmpty(files); // appsettings.json
        Assert.All(files, f => Assert.False(f.Source.ReloadOnChange, f.Source.Path));
    }

    [Fact]
    public async Task A_submission_is_reviewed_and_published_on_one_origin()
    {
        var flow = new Workflow(_host, _host);
        var reviewId = await flow.CreateAndSubmitAsync("pazopanib-access", "drug", Workflow.DrugFields("pazopanib"));
        await flow.ApproveAsync(reviewId, "pharmacist-1");
        var result = await flow.ApproveAsync(reviewId, "oncologist-1", "Consultant medical oncologist");
        Assert.Equal(0, result.GetProperty("remaining").GetInt32());
        var published = await PublishedAsync("pazopanib-access");
        // Signed off through the review flow by named reviewers: real content, not sample.
        Assert.False(published.GetProperty("sample").GetBoolean());
        Assert.Equal(["Test pharmacist-1", "Test oncologist-1"], published.GetProperty("approvals").EnumerateArray().Select(a => a.GetProperty("reviewerName").GetString()));
    }

    [Fact]
    public async Task The_dev_token_issuer_refuses_unknown_roles_with_a_problem()
    {
        var response = await _host.Http.PostAsJsonAsync("/api/dev/tokens", new { userId = "u1", name = "U", roles = new[] { "root" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_not_a_500()
    {
        var editor = await _host.ClientAsAsync("editor-1", "editor");
        var response = await editor.PostAsync("/api/content",
            new StringContent("{\"type\": \"drug\", \"slug\": ", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
    }
}

