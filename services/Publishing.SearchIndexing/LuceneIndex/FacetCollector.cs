using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Publishing.SearchIndexing.LuceneIndex;

/// <summary>
/// Counts the values of a few <see cref="SortedSetDocValuesField"/>s over every matching document
/// (Lucene.Net.Facet is not used). Counts by segment ordinal into plain arrays read from
/// <see cref="FacetOrdinals"/>, and resolves ordinals to labels once per segment.
/// Values differing only in case are counted together under the first spelling seen.
/// </summary>
internal sealed class FacetCollector : ICollector
{
    private readonly string[] _fields;
    private readonly Dictionary<string, int>[] _totals;
    private readonly FacetOrdinals?[] _ordinals;
    private readonly int[]?[] _segmentCounts;

    public FacetCollector(params string[] fields)
    {
        _fields = fields;
        _totals = fields.Select(_ => new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)).ToArray();
        _ordinals = new FacetOrdinals?[fields.Length];
        _segmentCounts = new int[]?[fields.Length];
    }

    /// <summary>
    /// In order: out-of-order collection lets Lucene use BooleanScorer, which allocates a table of 2048
    /// buckets per segment per disjunction (over 1 MB a search), and the garbage collections it caused cost
    /// more than in-order scoring does.
    /// </summary>
    public bool AcceptsDocsOutOfOrder => false;

    public void SetScorer(Scorer scorer) { }

    public void SetNextReader(AtomicReaderContext context)
    {
        FlushSegment();
        for (var i = 0; i < _fields.Length; i++)
        {
            var ordinals = FacetOrdinals.For(context.AtomicReader, _fields[i]);
            _ordinals[i] = ordinals;
            _segmentCounts[i] = ordinals is null ? null : new int[ordinals.Labels.Length];
        }
    }

    public void Collect(int doc)
    {
        for (var i = 0; i < _ordinals.Length; i++)
        {
            var ordinals = _ordinals[i];
            if (ordinals is null) continue;
            var counts = _segmentCounts[i]!;
            var ords = ordinals.Ords;
            var starts = ordinals.Starts;
            for (int at = starts[doc], end = starts[doc + 1]; at < end; at++) counts[ords[at]]++;
        }
    }

    /// <summary>The counts per field (in constructor order), most frequent first, at most <paramref name="limit"/> values.</summary>
    public IReadOnlyDictionary<string, int>[] Results(int limit)
    {
        FlushSegment();
        return _totals.Select(t => (IReadOnlyDictionary<string, int>)t
                .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase)
                .Take(limit)
                .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase))
            .ToArray();
    }

    private void FlushSegment()
    {
        for (var i = 0; i < _fields.Length; i++)
        {
            var ordinals = _ordinals[i];
            var counts = _segmentCounts[i];
            if (ordinals is null || counts is null) continue;
            for (var ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] == 0) continue;
                var key = ordinals.Labels[ord];
                _totals[i][key] = _totals[i].GetValueOrDefault(key) + counts[ord];
            }
            _ordinals[i] = null;
            _segmentCounts[i] = null;
        }
    }
}
