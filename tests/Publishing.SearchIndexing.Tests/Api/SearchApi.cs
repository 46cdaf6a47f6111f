using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Publishing.Contracts;
using Publishing.SearchIndexing.Data;
using Publishing.Testing;

namespace Publishing.SearchIndexing.Tests.Api;

/// <summary>The Search-indexing service in memory, fed events on its in-memory bus as the broker would.</summary>
public sealed class SearchApi : ServiceApiFactory<Program, SearchDbContext>
{
    private readonly IReadOnlyDictionary<string, string?> _settings = new Dictionary<string, string?>();
    private readonly Action<IServiceCollection>? _services;
    private MessageTraffic? _traffic;

    public SearchApi() { }

    /// <summary>A host on the data folder of an earlier one: a restart.</summary>
    internal SearchApi(string dataDirectory) : base(dataDirectory) { }

    /// <summary>A host with settings of its own, and services replaced after the host's own.</summary>
    internal SearchApi(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        _settings = settings;
        _services = services;
    }

    protected override void Configure(IWebHostBuilder builder)
    {
        // Tests share a loaded machine and meet a cold JIT; the time budget has tests of its own.
        builder.UseSetting(SearchIndexing.LuceneIndex.SearchBudget.Key, "00:00:10");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_services is not null) builder.ConfigureTestServices(_services);
    }

    /// <summary>Publishes an event and waits until its consumer finished and the index caught up.</summary>
    public async Task<Guid> DeliverAsync<T>(T message, Guid? messageId = null) where T : class
    {
        _traffic ??= MessageTraffic.Observe(Services.GetRequiredService<IBus>());
        var id = messageId ?? Guid.NewGuid();
        var times = _traffic.Consumed(id) + 1;
        await Services.GetRequiredService<IBus>().Publish(message, c => c.MessageId = id);
        await _traffic.WaitUntilConsumedAsync(id, times);
        await IndexedAsync();
        return id;
    }

    /// <summary>Waits until the index queue is empty, i.e. the search index reflects every committed change.</summary>
    public Task IndexedAsync() => Eventually.Until(() => WithDb(async db => !await db.IndexQueue.AnyAsync()),
        what: "the index queue to drain");

    public static ContentPublished Published(string sample, string slug, int revision, Action<JsonObject>? edit = null)
    {
        var doc = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Seed", $"{sample}.json")))!.AsObject();
        var fields = doc["fields"]!.AsObject();
        edit?.Invoke(fields);
        var now = DateTimeOffset.UtcNow;
        var approval = new Approval("pharmacist-1", "Aisha Rahman", "Clinical pharmacist", null, true, now);
        return new ContentPublished(Guid.NewGuid(), slug, revision, now, doc["type"]!.GetValue<string>(), doc["title"]!.GetValue<string>(),
            JsonDocument.Parse(fields.ToJsonString()).RootElement.Clone(), [], "clinical", "Test publication", "new-evidence",
            "editor-1", "Eve Editor", [approval], now.AddYears(-1), now, now, now.AddYears(3), "sha256:test");
    }
}
