using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Publishing.Authoring.Data;
using Publishing.Authoring.Tests.Api;
using Publishing.Testing;
using Xunit;

namespace Publishing.Authoring.Tests.Previews;

/// <summary>The Authoring service in memory with the public reads' bucket as small as it goes.</summary>
public sealed class TightPublicReadsApi : ServiceApiFactory<Program, AuthoringDbContext>
{
    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("RateLimits:PublicReads:PermitsPerSecond", "0.01");
        builder.UseSetting("RateLimits:PublicReads:Burst", "3");
    }
}

/// <summary>Anyone may open a preview link, so one client cannot open it (or guess tokens) without limit.</summary>
public sealed class PreviewRateLimitTests(TightPublicReadsApi api) : IClassFixture<TightPublicReadsApi>
{
    [Fact]
    public async Task An_anonymous_client_past_the_public_reads_bucket_gets_429_with_Retry_After()
    {
        var editor = new ContentClient(await api.ClientAsAsync("editor-1", "editor"));
        var slug = "imatinib-" + Guid.NewGuid().ToString("N")[..8];
        await editor.CreateAsync(Samples.CreateRequest("imatinib", slug));
        await editor.SubmitOkAsync(slug);
        var shared = await editor.Http.PostAsJsonAsync($"/api/content/{slug}/previews", new { expiresIn = "PT2H" });
        var token = (await shared.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        var reader = api.CreateClient();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++) answers.Add(await reader.GetAsync($"/api/previews/{(i % 2 == 0 ? token : "pv_guessed")}"));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.OK], answers.Take(3).Select(a => a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[3].StatusCode);
        Assert.True(answers[3].Headers.RetryAfter is not null);
    }
}
