using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Publishing.Testing;
using Xunit;

namespace Publishing.SearchIndexing.Tests.Api;

/// <summary>An admin's view of the service's error queues over HTTP, against a real broker.</summary>
[Collection(RabbitMqFixture.Collection)]
public sealed class ErrorQueueApiTests(RabbitMqFixture rabbit) : IDisposable
{
    private const string ErrorQueue = "search-indexing-index-published-content_error";
    private const string Route = "/api/admin/error-queues";
    private readonly TempDirectory _data = new();

    private static async Task<long> DepthAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<JsonElement>(Route)).EnumerateArray()
            .Single(q => q.GetProperty("name").GetString() == ErrorQueue).GetProperty("messages").GetInt64();

    private static async Task<JsonElement> ErrorQueueCheckAsync(ServiceHost host)
    {
        var ready = await host.Http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode); // a parked message does not take the service out of rotation
        var body = await ready.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "error-queues");
    }

    [Fact]
    public async Task An_admin_lists_reads_redrives_and_purges_the_error_queue_and_health_names_it_meanwhile()
    {
        var vhost = await rabbit.CreateVirtualHostAsync();
        var settings = ServiceHost.Settings(vhost, _data.Path);
        settings["Messaging:ErrorQueues:PollInterval"] = "00:00:00.500";
        await using var search = await ServiceHost.StartAsync(SearchIndexingHost.Create, settings);
        await search.WaitUntilReadyAsync();
        var admin = await search.ClientAsAsync("admin-1", "admin");
        var slug = $"imatinib-{Guid.NewGuid().ToString("N")[..8]}";

        Assert.Equal(HttpStatusCode.Unauthorized, (await search.Http.GetAsync(Route)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await search.ClientAsAsync("editor-1", "editor")).GetAsync(Route)).StatusCode);
        Assert.Equal(0, await DepthAsync(admin));

        await search.Services.GetRequiredService<IBus>().Publish(SearchApi.Published("imatinib", slug, 1) with { Title = null! });
        await Eventually.Until(async () => await DepthAsync(admin) == 1, TimeSpan.FromSeconds(30), "the refused publication in the error queue");
        var check = await Eventually.Until(() => ErrorQueueCheckAsync(search),
            c => c.GetProperty("status").GetString() == "Degraded", what: "health to name the error queue");
        Assert.Contains(ErrorQueue, check.GetProperty("description").GetString());

        var messages = await admin.GetFromJsonAsync<JsonElement>($"{Route}/{ErrorQueue}/messages");
        var parked = Assert.Single(messages.EnumerateArray());
        Assert.Equal("Publishing.Messaging.Validation.InvalidEventException", parked.GetProperty("exceptionType").GetString());
        Assert.Contains("title is missing", parked.GetProperty("exceptionMessage").GetString());
        Assert.Contains("title is missing", parked.GetProperty("headers").GetProperty("MT-Fault-Message").GetString());
        Assert.Contains(slug, parked.GetProperty("body").GetString());

        // Still malformed, it is refused again on its way back: moved, then parked once more.
        var redrive = await admin.PostAsync($"{Route}/{ErrorQueue}/redrive", null);
        Assert.Equal(HttpStatusCode.OK, redrive.StatusCode);
        Assert.Equal(1, (await redrive.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("moved").GetInt32());
        await Eventually.Until(async () => await DepthAsync(admin) == 1, TimeSpan.FromSeconds(30), "the publication refused again");

        var purge = await admin.DeleteAsync($"{Route}/{ErrorQueue}/messages");
        Assert.Equal(1, (await purge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("purged").GetInt64());
        Assert.Equal(0, await DepthAsync(admin));
        await Eventually.Until(() => ErrorQueueCheckAsync(search),
            c => c.GetProperty("status").GetString() == "Healthy", what: "health to recover");
        Assert.Equal(HttpStatusCode.NotFound, (await search.Http.GetAsync($"/api/published/{slug}")).StatusCode);
    }

    [Theory]
    [InlineData("search-indexing-index-published-content/messages", HttpStatusCode.NotFound)] // a live queue, not an error queue
    [InlineData("authoring-publish-approved-revision_error/messages", HttpStatusCode.NotFound)] // another service's
    [InlineData(ErrorQueue + "/messages?limit=0", HttpStatusCode.BadRequest)]
    [InlineData(ErrorQueue + "/messages?limit=51", HttpStatusCode.BadRequest)]
    public async Task Only_this_services_error_queues_can_be_named_and_limits_are_checked(string path, HttpStatusCode expected)
    {
        var vhost = await rabbit.CreateVirtualHostAsync();
        await using var search = await ServiceHost.StartAsync(SearchIndexingHost.Create, ServiceHost.Settings(vhost, _data.Path));
        await search.WaitUntilReadyAsync();
        var admin = await search.ClientAsAsync("admin-1", "admin");

        var response = await admin.GetAsync($"{Route}/{path}");
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_in_memory_bus_has_no_error_queues_to_read()
    {
        await using var api = new SearchApi();
        var admin = await api.ClientAsAsync("admin-1", "admin");
        var response = await admin.GetAsync(Route);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("in-memory bus", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    public void Dispose() => _data.Dispose();
}
