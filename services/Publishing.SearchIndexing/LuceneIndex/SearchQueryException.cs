namespace Publishing.SearchIndexing.LuceneIndex;

/// <summary>A search request the index cannot run as given (unparseable query, bad paging); the message is safe to show.</summary>
public sealed class SearchQueryException(string message, Exception? inner = null) : Exception(message, inner);
