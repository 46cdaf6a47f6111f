using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Publishing.Testing;
using Xunit;

namespace Publishing.SearchIndexing.Tests.Api;

/// <summary>An event that breaks its contract reaches Search over a real broker: refused, parked, and nothing else stops.</summary>
[Collection(RabbitMqFixture.Collection)]
public sealed class MalformedEventTests(RabbitMqFixture rabbit) : IDisposable
{
    private const string Queue = "search-indexing-index-published-content";
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task A_publication_without_a_title_goes_to_the_error_queue_unserved_and_a_good_one_after_it_is_served()
    {
        var vhost = await rabbit.CreateVirtualHostAsync();
        await using var search = await ServiceHost.StartAsync(SearchIndexingHost.Create, ServiceHost.Settings(vhost, _data.Path));
        await search.WaitUntilReadyAsync();
        var bus = search.Services.GetRequiredService<IBus>();
        var traffic = MessageTraffic.Observe(bus);
        var slug = $"imatinib-{Guid.NewGuid().ToString("N")[..8]}";

        await bus.Publish(SearchApi.Published("imatinib", slug, 1) with { Title = null! });
        await Eventually.Until(async () => await rabbit.QueueDepthAsync(vhost, Queue + "_error") == 1, TimeSpan.FromSeconds(60),
            "the malformed publication to reach the error queue");
        Assert.Equal(HttpStatusCode.NotFound, (await search.Http.GetAsync($"/api/published/{slug}")).StatusCode);
        var parked = Assert.Single(await rabbit.PeekAsync(vhost, Queue + "_error"));
        var headers = parked.GetProperty("properties").GetProperty("headers");
        Assert.Equal("Publishing.Messaging.Validation.InvalidEventException", headers.GetProperty("MT-Fault-ExceptionType").GetString());
        Assert.Contains("title is missing", headers.GetProperty("MT-Fault-Message").GetString());

        var good = Guid.NewGuid();
        await bus.Publish(SearchApi.Published("imatinib", slug, 1), c => c.MessageId = good);
        await traffic.WaitUntilConsumedAsync(good, 1, Queue);
        var served = await search.Http.GetFromJsonAsync<JsonElement>($"/api/published/{slug}");
        Assert.Equal(1, served.GetProperty("revision").GetInt32());
        Assert.False(string.IsNullOrEmpty(served.GetProperty("title").GetString()));
    }

    public void Dispose() => _data.Dispose();
}
