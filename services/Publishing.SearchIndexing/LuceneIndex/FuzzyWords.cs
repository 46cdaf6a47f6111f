using Lucene.Net.Search;

namespace Publishing.SearchIndexing.LuceneIndex;

/// <summary>
/// Rewrites each fuzzy word of a query to the terms it matches once, before the search, so the search and then
/// the highlighter both use those terms instead of each building the word's automata (the costly part of a fuzzy
/// word, and one nothing can interrupt). The terms and scores are those the search would rewrite it to itself.
/// </summary>
internal static class FuzzyWords
{
    public static Query Rewrite(Query query, IndexSearcher searcher)
    {
        switch (query)
        {
            case FuzzyQuery fuzzy:
                return searcher.Rewrite(fuzzy);
            case BooleanQuery boolean:
                foreach (var clause in boolean.Clauses) clause.Query = Rewrite(clause.Query, searcher);
                return boolean;
            default:
                return query;
        }
    }
}
