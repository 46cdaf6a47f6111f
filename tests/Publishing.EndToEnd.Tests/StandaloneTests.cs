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

    [Fact]
    public async Task It_is_ready_and_serves_the_seeded_sample_content()
    {
        var ready = await Eventually.Until(() => _host.Http.GetAsync("/health/ready"),
            r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "/health/ready");
        Assert.Equal("Healthy", (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        foreach (var slug in new[] { "imatinib", "sunitinib", "regorafenib", "pazopanib", "olaratumab", "targeted-therapy-soft-tissue-sarcoma" })
        {
            var response = await Eventually.Until(() => _host.Http.GetAsync($"/api/published/{slug}"),
                r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60), $"{slug} to be published");
            var document = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.NotEmpty(document.GetProperty("approvals").EnumerateArray());
        }
    }

    [Fact]
    public async Task Nothing_is_logged_as_an_error_while_it_starts_seeds_and_publishes()
    {
        await Eventually.Until(async () => (await _host.Http.GetAsync("/api/published/olaratumab")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "the sample content to be published");
        Assert.Empty(_errors.Entries);
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
        await Eventually.Until(async () => (await _host.Http.GetAsync("/api/published/pazopanib-access")).StatusCode == HttpStatusCode.OK,
            what: "the item to be published");
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

