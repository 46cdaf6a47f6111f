using Microsoft.Extensions.DependencyInjection.Extensions;
using Publishing.ServiceDefaults.Auth;
using Publishing.ServiceDefaults.Hosting;
using MassTransit;
using Publishing.Messaging.Bus;
using Publishing.Messaging.Database;
using Publishing.Messaging.Outbox;
using Publishing.SearchIndexing.Data;
using Publishing.SearchIndexing.Indexing;
using Publishing.SearchIndexing.Published;
using Publishing.SearchIndexing.Search;
using Publishing.SearchIndexing.Changes;
using Publishing.SearchIndexing.Rebuild;
using Publishing.SearchIndexing.LuceneIndex;
using Publishing.ServiceDefaults;
using Publishing.Messaging.ErrorQueues;

namespace Publishing.SearchIndexing;

/// <summary>The Search indexing service: the published copy of every item, its public read API and change feed.</summary>
public static class SearchIndexingHost
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = ServiceBuilder.Create(args);
        configure?.Invoke(builder);
        builder.AddServiceDefaults("search-indexing");
        builder.AddSearchIndexing();
        builder.AddPublishingBus(bus => bus.AddSearchIndexingConsumers());

        var app = builder.Build();
        app.UseServiceDefaults();
        app.MapDefaultEndpoints();
        app.MapErrorQueues(); // this host's own error queues, for admins
        app.MapSearchIndexing();
        return app;
    }

    public static WebApplicationBuilder AddSearchIndexing(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase<SearchDbContext, SearchSqlServerDbContext>("SearchIndexing").WithOutbox();
        PublicOrigin.AddPublicOrigin(builder); // absolute links in what subscribers receive
        var indexFolder = Path.Combine(DatabaseSettings.DataDirectory(builder), "search-index");
        // Read while the host is built, so a bad Search:TimeBudget stops the start, not a search.
        builder.Services.AddSingleton(SearchBudget.From(builder.Configuration, TimeProvider.System));
        builder.Services.AddSingleton<ISearchIndex>(sp => new LuceneSearchIndex(indexFolder, sp.GetRequiredService<SearchBudget>()));
        builder.Services.AddHostedService<SearchWarmup>();
        builder.Services.AddSingleton<IndexSignal>();
        builder.Services.AddSingleton<IndexWriterGate>();
        builder.Services.AddSingleton<SearchIndexer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SearchIndexer>());
        // Rebuilds read from Authoring's configured address as this service, never as the admin who asked.
        var authoring = AuthoringPublishedClient.Address(builder.Configuration);
        builder.Services.AddServiceTokens("search-indexing");
        builder.Services.AddHttpClient<AuthoringPublishedClient>(c => c.BaseAddress = authoring).AddHttpMessageHandler<ServiceTokenHandler>();
        builder.Services.TryAddTransient<IPublishedRevisionSource>(sp => sp.GetRequiredService<AuthoringPublishedClient>());
        builder.Services.AddSingleton<SearchRebuilder>();
        builder.Services.AddHostedService<IndexUpgrade>();
        return builder;
    }

    public static IBusRegistrationConfigurator AddSearchIndexingConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<IndexPublishedContentConsumer>();
        bus.AddConsumer<RemoveWithdrawnContentConsumer>();
        bus.AddConsumer<RecordReviewConfirmedConsumer>();
        bus.AddConsumer<ApplyReleaseConsumer>();
        return bus;
    }

    public static IEndpointRouteBuilder MapSearchIndexing(this IEndpointRouteBuilder app)
    {
        app.MapPublishedEndpoints();
        app.MapSearchEndpoints();
        app.MapChangeFeedEndpoints();
        app.MapRebuildEndpoints();
        return app;
    }
}
