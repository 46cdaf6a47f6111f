using Publishing.Messaging.Workers;

namespace Publishing.SearchIndexing.Indexing;

/// <summary>Wakes the indexer as soon as a consumer committed a change, instead of waiting for its poll.</summary>
public sealed class IndexSignal : WakeSignal;
