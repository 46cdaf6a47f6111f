using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Publishing.SearchIndexing.Search;

/// <summary>
/// Counts the values of a few <see cref="SortedSetDocValuesField"/>s over every matching document
/// (Lucene.Net.Facet is not used). Counts by segment ordinal, resolving ordinals to strings once per segment.
/// Values differing only in case are counted together under the first spelling seen.
/// </summary>
internal sealed class FacetCollector : ICollector
{
    private readonly string[] _fields;
    private readonly Dictionary<string, int>[] _totals;
    private readonly SortedSetDocValues?[] _values;
    private readonly int[]?[] _segmentCounts;

    public FacetCollector(params string[] fields)
    {
        _fields = fields;
        _totals = fields.Select(_ => new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)).ToArray();
        _values = new SortedSetDocValues?[fields.Length];
        _segmentCounts = new int[]?[fields.Length];
    }

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer) { }

    public void SetNextReader(AtomicReaderContext context)
    {
        FlushSegment();
        for (var i = 0; i < _fields.Length; i++)
        {
            var values = context.AtomicReader.GetSortedSetDocValues(_fields[i]);
            _values[i] = values;
            _segmentCounts[i] = values is null ? null : new int[checked((int)values.ValueCount)];
        }
    }

    public void Collect(int doc)
    {
        for (var i = 0; i < _fields.Length; i++)
        {
            var values = _values[i];
            if (values is null) continue;
            var counts = _segmentCounts[i]!;
            values.SetDocument(doc);
            long ord;
            while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS) counts[ord]++;
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
        var term = new BytesRef();
        for (var i = 0; i < _fields.Length; i++)
        {
            var values = _values[i];
            var counts = _segmentCounts[i];
            if (values is null || counts is null) continue;
            for (var ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] == 0) continue;
                values.LookupOrd(ord, term);
                var key = term.Utf8ToString();
                _totals[i][key] = _totals[i].GetValueOrDefault(key) + counts[ord];
            }
            _values[i] = null;
            _segmentCounts[i] = null;
        }
    }
}
