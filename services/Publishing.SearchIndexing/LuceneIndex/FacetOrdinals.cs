using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace Publishing.SearchIndexing.LuceneIndex;

/// <summary>
/// One segment's values of one facet field, read once from its doc values into flat arrays: the
/// ordinals of document d are <c>Ords[Starts[d]..Starts[d + 1]]</c>, and <c>Labels[ord]</c> is the value.
/// Reading doc values per hit (packed ints behind virtual calls) dominated facet counting over large
/// hit sets; segments never change, so the arrays are cached per segment core and dropped with it.
/// </summary>
internal sealed class FacetOrdinals
{
    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, FacetOrdinals?>> Cache = new();

    private FacetOrdinals(string[] labels, int[] starts, int[] ords)
    {
        Labels = labels;
        Starts = starts;
        Ords = ords;
    }

    public string[] Labels { get; }
    public int[] Starts { get; }
    public int[] Ords { get; }

    /// <summary>The field's values in this segment, or null when no document of the segment has one.</summary>
    public static FacetOrdinals? For(AtomicReader reader, string field) =>
        Cache.GetValue(reader.CoreCacheKey, _ => new ConcurrentDictionary<string, FacetOrdinals?>(StringComparer.Ordinal))
            .GetOrAdd(field, f => Load(reader, f));

    /// <summary>Loads every facet field of every segment, so the first search after a commit or merge does not pay for it.</summary>
    public static void Warm(IndexReader reader, IEnumerable<string> fields)
    {
        foreach (var leaf in reader.Leaves)
            foreach (var field in fields)
                For(leaf.AtomicReader, field);
    }

    private static FacetOrdinals? Load(AtomicReader reader, string field)
    {
        var values = reader.GetSortedSetDocValues(field);
        if (values is null) return null;

        var labels = new string[checked((int)values.ValueCount)];
        var term = new BytesRef();
        for (var ord = 0; ord < labels.Length; ord++)
        {
            values.LookupOrd(ord, term);
            labels[ord] = term.Utf8ToString();
        }

        var maxDoc = reader.MaxDoc;
        var starts = new int[maxDoc + 1];
        var ords = new List<int>(maxDoc);
        for (var doc = 0; doc < maxDoc; doc++)
        {
            starts[doc] = ords.Count;
            values.SetDocument(doc);
            long ord;
            while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS) ords.Add((int)ord);
        }
        starts[maxDoc] = ords.Count;
        return new FacetOrdinals(labels, starts, ords.ToArray());
    }
}
