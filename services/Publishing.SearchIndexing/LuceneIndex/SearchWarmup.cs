namespace Publishing.SearchIndexing.LuceneIndex;

/// <summary>
/// Runs each kind of query once at start-up on a throwaway index of three documents, so the JIT has compiled
/// the search path before the first client's search. Otherwise that search pays for the compilation inside its
/// <see cref="SearchBudget"/> and, on a busy machine, can be stopped with a 503. The live index is not touched
/// (a new service's is empty, which would leave most of the path uncompiled).
/// </summary>
public sealed class SearchWarmup(ILogger<SearchWarmup> log) : BackgroundService
{
    private static readonly string[] Queries =
        ["imatinib", "Glivec tablets", "\"blood pressure\"", "imat*", "ima?inib", "imatinab~1", "sarcoma OR liver -heart", "", "*:*"];

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        var folder = Path.Combine(Path.GetTempPath(), "search-warmup-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var index = new LuceneSearchIndex(folder))
            {
                index.IndexAsync(Documents(), [], stoppingToken).GetAwaiter().GetResult();
                foreach (var q in Queries)
                {
                    stoppingToken.ThrowIfCancellationRequested();
                    index.Search(new SearchQuery(q));
                    index.Search(new SearchQuery(q, Type: SearchDocument.Drug, DrugClass: "tyrosine kinase inhibitor", Page: 2, PageSize: 1));
                }
            }
            log.LogDebug("Search path warmed up");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Only a cost saving: searches work without it.
            log.LogWarning(e, "Warming up the search path failed");
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }, stoppingToken);

    private static IReadOnlyList<SearchDocument> Documents() =>
    [
        Drug("imatinib", "Imatinib (Glivec)", "Glivec", "Tablets taken once a day with food. Check your blood pressure and liver tests."),
        Drug("sunitinib", "Sunitinib (Sutent)", "Sutent", "Capsules; may raise blood pressure. Tell your team about heart problems."),
        new SearchDocument
        {
            Slug = "sarcoma-guide", Type = SearchDocument.Article, Title = "Targeted therapy for soft tissue sarcoma", Revision = 1,
            Conditions = ["soft tissue sarcoma"], Tags = ["sarcoma"], Body = "Imatinib and sunitinib are tablets or capsules for sarcoma.",
        },
    ];

    private static SearchDocument Drug(string slug, string title, string brand, string body) => new()
    {
        Slug = slug, Type = SearchDocument.Drug, Title = title, Revision = 1, GenericName = slug, BrandNames = [brand],
        DrugClass = "tyrosine kinase inhibitor", Conditions = ["gastrointestinal stromal tumour (GIST)"], Tags = ["targeted therapy"], Body = body,
    };
}
