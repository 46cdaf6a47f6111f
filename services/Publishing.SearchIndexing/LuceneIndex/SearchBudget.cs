using Lucene.Net.Index;
using Lucene.Net.Search;
using Publishing.ServiceDefaults.Hosting;

namespace Publishing.SearchIndexing.LuceneIndex;

/// <summary>
/// How long one search may run: <c>Search:TimeBudget</c> (default 500 ms, at most 10 s). The query
/// limits (<see cref="BoundedQueryParser"/>) keep what a request may ask for small; the budget bounds what
/// it still costs on a large index. It is checked as each index segment is entered, every few hundred
/// matches collected, and before each snippet; past it the search stops with
/// <see cref="SearchBudgetExceededException"/> (503 to the client) instead of holding a core.
/// </summary>
public sealed class SearchBudget(TimeSpan limit, TimeProvider clock)
{
    public const string Key = "Search:TimeBudget";
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxLimit = TimeSpan.FromSeconds(10);

    public TimeSpan Limit => limit;

    public static SearchBudget From(IConfiguration config, TimeProvider clock)
    {
        var value = config[Key];
        if (string.IsNullOrWhiteSpace(value)) return new SearchBudget(DefaultLimit, clock);
        if (!TimeSpan.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var limit) || limit <= TimeSpan.Zero || limit > MaxLimit)
            throw new StartupRefusedException($"{Key} '{value}' must be a time span above 0 and at most {MaxLimit:c} (e.g. 00:00:00.500).");
        return new SearchBudget(limit, clock);
    }

    public Deadline Start() => new(this, clock.GetTimestamp());

    private TimeSpan Elapsed(long started) => clock.GetElapsedTime(started);

    /// <summary>One search's clock, started when the search began.</summary>
    public sealed class Deadline(SearchBudget budget, long started)
    {
        public void Check()
        {
            if (budget.Elapsed(started) > budget.Limit) throw new SearchBudgetExceededException(budget.Limit);
        }
    }
}

/// <summary>A search stopped because it ran past its <see cref="SearchBudget"/>; the message is safe to show.</summary>
public sealed class SearchBudgetExceededException(TimeSpan limit)
    : Exception($"The search ran longer than its time budget of {limit.TotalMilliseconds:0} ms and was stopped.")
{
    public TimeSpan Limit { get; } = limit;
}

/// <summary>Checks the deadline as each segment starts and every <see cref="CheckEvery"/> matches.</summary>
internal sealed class BudgetedCollector(ICollector inner, SearchBudget.Deadline deadline) : ICollector
{
    private const int CheckEvery = 256;
    private int _sinceCheck;

    public bool AcceptsDocsOutOfOrder => inner.AcceptsDocsOutOfOrder;

    public void SetScorer(Scorer scorer) => inner.SetScorer(scorer);

    public void SetNextReader(AtomicReaderContext context)
    {
        deadline.Check();
        inner.SetNextReader(context);
    }

    public void Collect(int doc)
    {
        if (++_sinceCheck >= CheckEvery)
        {
            _sinceCheck = 0;
            deadline.Check();
        }
        inner.Collect(doc);
    }
}
